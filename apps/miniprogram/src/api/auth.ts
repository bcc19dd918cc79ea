import { http } from './client'
import type { WechatPhone } from '@jiayi/contract'
import type { LoginResponse } from './types'

export const authApi = {
  wechatLogin: (code: string) => http.post<LoginResponse>('/auth/wechat-login', { code }),
  staffLogin: (username: string, password: string) => http.post<LoginResponse>('/auth/staff-login', { username, password }),
}

/** WeChat quick phone verification: the API exchanges a getPhoneNumber code for the verified number. */
export const phoneApi = {
  fromWechat: (code: string) => http.post<WechatPhone>('/auth/wechat-phone', { code }),
}
