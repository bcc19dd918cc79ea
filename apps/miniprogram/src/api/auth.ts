import { http } from './client'
import type { LoginResponse } from './types'

export const authApi = {
  wechatLogin: (code: string) => http.post<LoginResponse>('/auth/wechat-login', { code }),
  staffLogin: (username: string, password: string) =>
    http.post<LoginResponse>('/auth/staff-login', { username, password }),
}
