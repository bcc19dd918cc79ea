import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { getToken, getUser, type SessionUser } from '../session'

/** The signed-in user, read again each time the page shows (login happens on other pages). */
export function useSession(): { user: SessionUser | null; signedIn: boolean } {
  const read = () => (getToken() ? getUser() : null)
  const [user, setUser] = useState<SessionUser | null>(read)
  useDidShow(() => setUser(read()))
  return { user, signedIn: !!user }
}
