import Taro from '@tarojs/taro'
import { clearSession, getToken, getUser, isStaff } from '../session'
import { ROUTES } from '../routes'

/** The H5 build is served by the API itself, so it calls its own origin. */
const BASE_URL = process.env.TARO_ENV === 'h5' ? '' : process.env.TARO_APP_API_BASE

export interface FieldError {
  field: string
  message: string
}

/** An error answered by the API (`{ statusCode, error, message, details }`) or by the network. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** The text to show a resident: the field messages when there are any, else the message. */
  get userMessage(): string {
    if (this.details.length) return this.details.map((d) => d.message).join('；')
    return this.message
  }

  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message
  }
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.userMessage
  return '出错了，请稍后再试'
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** Sends an Idempotency-Key so a repeated tap or retry creates the thing once. */
  idempotent?: boolean
}

export function idempotencyKey(): string {
  const random = () => Math.random().toString(16).slice(2, 10)
  return `${Date.now().toString(16)}-${random()}-${random()}-${random()}`
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `${BASE_URL}/api${path}${parts.length ? `?${parts.join('&')}` : ''}`
}

export function authHeaders(): Record<string, string> {
  const token = getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

let redirectingToLogin = false

/** A 401 means the token is gone or expired: forget it and send the user to the right login. */
export function handleUnauthorized(): void {
  const staff = isStaff(getUser()) || currentPath().startsWith('staff/')
  clearSession()
  if (redirectingToLogin) return
  redirectingToLogin = true
  Taro.reLaunch({ url: staff ? ROUTES.staffLogin : ROUTES.login }).finally(() => {
    redirectingToLogin = false
  })
}

function currentPath(): string {
  const pages = Taro.getCurrentPages()
  return (pages[pages.length - 1]?.route ?? '').replace(/^\//, '')
}

function toApiError(statusCode: number, data: unknown): ApiError {
  const body = (data && typeof data === 'object' ? data : {}) as { message?: unknown; details?: unknown }
  const message = Array.isArray(body.message) ? body.message.join('；') : typeof body.message === 'string' ? body.message : ''
  const details = Array.isArray(body.details) ? (body.details as FieldError[]).filter((d) => d && d.message) : []
  return new ApiError(statusCode, message || defaultMessage(statusCode), details)
}

function defaultMessage(statusCode: number): string {
  if (statusCode === 401) return '登录已过期，请重新登录'
  if (statusCode === 403) return '没有权限查看'
  if (statusCode === 404) return '没有找到'
  if (statusCode === 409) return '当前无法办理'
  return '服务暂时不可用，请稍后再试'
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...authHeaders() }
  if (options.idempotent) header['Idempotency-Key'] = idempotencyKey()
  let response: Awaited<ReturnType<typeof Taro.request>>
  try {
    response = await Taro.request({
      url: apiUrl(path, options.query),
      method,
      header,
      data: options.body as Taro.request.Option['data'],
      dataType: 'json',
    })
  } catch {
    throw new ApiError(0, '网络连接失败，请检查网络后再试')
  }
  if (response.statusCode === 401) {
    handleUnauthorized()
    throw toApiError(401, response.data)
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw toApiError(response.statusCode, response.data)
  }
  return response.data as T
}

export const http = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  /** A POST that creates something: carries an Idempotency-Key. */
  create: <T>(path: string, body?: unknown) => request<T>('POST', path, { body, idempotent: true }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  // An empty `{}`: the API refuses a JSON content type with no body (请求内容不是有效的 JSON), and
  // wx.request sends that content type whatever the method.
  del: <T>(path: string) => request<T>('DELETE', path, { body: {} }),
}
