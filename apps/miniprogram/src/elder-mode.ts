import Taro from '@tarojs/taro'

const ELDER_MODE_KEY = 'jiayi.elderMode'

/** 长辈模式: larger type on every screen; switched under 我的 and remembered on this phone. */
export function isElderMode(): boolean {
  return Taro.getStorageSync(ELDER_MODE_KEY) === true
}

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_MODE_KEY, on)
}
