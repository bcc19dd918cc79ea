import Taro from '@tarojs/taro'

export type { Role, SessionUser } from '@jiayi/contract'
import type { SessionUser } from '@jiayi/contract'

const TOKEN_KEY = 'jiayi.token'
const USER_KEY = 'jiayi.user'

export function getToken(): string {
  return Taro.getStorageSync(TOKEN_KEY) || ''
}

export function getUser(): SessionUser | null {
  return Taro.getStorageSync(USER_KEY) || null
}

export function saveSession(accessToken: string, user: SessionUser): void {
  Taro.setStorageSync(TOKEN_KEY, accessToken)
  Taro.setStorageSync(USER_KEY, user)
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(USER_KEY)
}

export function isStaff(user: SessionUser | null): boolean {
  return !!user && user.role !== 'resident'
}
