import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { BigButton } from '../components/Form'
import { Page } from '../components/Page'
import { useSession } from '../hooks/useSession'
import { isStaff, type SessionUser } from '../session'
import { ROUTES } from '../routes'
import { replace } from '../navigation'
import { canOpen, type Area } from './roles'

interface Props {
  area: Area
  title: string
  testId?: string
  children: (user: SessionUser) => ReactNode
}

/** A workspace page: only for a signed-in staff account whose role may open this area. */
export function StaffGate({ area, title, testId, children }: Props) {
  const { user } = useSession()
  if (!user || !isStaff(user)) {
    return (
      <Page wide title={title}>
        <View className='state' data-testid='staff-gate-login'>
          <View className='state__text'>请先用工作账号登录</View>
          <BigButton testId='gate-login' onClick={() => replace(ROUTES.staffLogin)}>
            去登录
          </BigButton>
        </View>
      </Page>
    )
  }
  if (!canOpen(user.role, area)) {
    return (
      <Page wide title={title}>
        <View className='state' data-testid='staff-gate-forbidden'>
          <View className='state__text'>您的账号没有使用这个功能的权限</View>
          <BigButton testId='gate-home' kind='plain' onClick={() => replace(ROUTES.staffHome)}>
            返回工作台
          </BigButton>
        </View>
      </Page>
    )
  }
  return (
    <Page wide title={title} testId={testId}>
      {children(user)}
    </Page>
  )
}
