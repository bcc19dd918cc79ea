import Taro from '@tarojs/taro'
import { TAB_ROUTES } from './routes'

/** Opens a page, using switchTab for tab pages (navigateTo refuses them). */
export function go(url: string): void {
  const path = url.split('?')[0]
  if (TAB_ROUTES.includes(path)) {
    Taro.switchTab({ url: path })
  } else {
    Taro.navigateTo({ url })
  }
}

/** Replaces the current page: used after a step that must not be returned to (login, submit). */
export function replace(url: string): void {
  const path = url.split('?')[0]
  if (TAB_ROUTES.includes(path)) {
    Taro.switchTab({ url: path })
  } else {
    Taro.redirectTo({ url })
  }
}

/** Returns to `url` if it is further back in the page stack (it refreshes on show), else opens it in place of this page. */
export function backTo(url: string): void {
  const route = url.split('?')[0].replace(/^\//, '')
  const pages = Taro.getCurrentPages()
  const index = pages.map((p) => (p.route ?? '').split('?')[0].replace(/^\//, '')).lastIndexOf(route)
  if (index >= 0 && index < pages.length - 1) Taro.navigateBack({ delta: pages.length - 1 - index })
  else replace(url)
}

export function back(): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: TAB_ROUTES[0] })
}

/**
 * A short message with an icon (WeChat shows at most 7 characters beside an icon): a tick for what
 * was done, a mark for what failed. Errors that need reading stay on the page, not in a toast.
 */
export function toast(title: string, kind: 'success' | 'error' = 'success'): void {
  Taro.showToast({ title, icon: kind, duration: 2000 })
}
