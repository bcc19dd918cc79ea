import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Switch, View } from '@tarojs/components'
import { isElderMode, setElderMode } from '../../elder-mode'
import { meApi } from '../../api/me'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { StateView } from '../../components/StateView'
import { BigButton } from '../../components/Form'
import { useRequest } from '../../hooks/useRequest'
import { useSession } from '../../hooks/useSession'
import { clearSession, isStaff } from '../../session'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'

const LINKS = [
  { testId: 'mine-profile', title: '个人资料', url: ROUTES.profile },
  { testId: 'mine-family', title: '家庭成员', url: ROUTES.family },
  { testId: 'mine-contracts', title: '我的签约', url: ROUTES.contracts },
  { testId: 'mine-survey', title: '满意度问卷', url: ROUTES.waves },
  { testId: 'mine-notices', title: '消息通知', url: ROUTES.notices },
  { testId: 'mine-feedback', title: '意见反馈与投诉', url: ROUTES.feedback },
  { testId: 'mine-privacy', title: '隐私保护指引', url: ROUTES.privacy },
  { testId: 'mine-rights', title: '撤回同意 / 注销账号', url: ROUTES.rights },
]

export default function MinePage() {
  const { user, signedIn } = useSession()
  const resident = signedIn && !isStaff(user)
  const me = useRequest(() => meApi.get(), [resident], { enabled: resident, refreshOnShow: true })

  const [elder, setElder] = useState(isElderMode)
  const switchElderMode = (on: boolean) => {
    setElderMode(on)
    setElder(on)
    // Every page reads the mode when it shows; reopening the tab applies it here at once.
    Taro.reLaunch({ url: ROUTES.mine })
  }

  const logout = () => {
    clearSession()
    Taro.reLaunch({ url: ROUTES.home })
  }

  return (
    <Page title='我的' testId='mine'>
      {!signedIn && <LoginPrompt />}
      {resident && (
        <StateView state={me}>
          {(data) => (
            <View className='card' data-testid='mine-person'>
              {data.person ? (
                <View>
                  <View className='card__title'>{data.person.name}</View>
                  <View className='muted'>身份证号：{data.person.idNumberMasked}</View>
                </View>
              ) : (
                <View>
                  <View className='card__title'>还没有填写个人资料</View>
                  <BigButton testId='mine-fill-profile' onClick={() => go(data.consent.sensitiveConsent ? ROUTES.profile : ROUTES.privacy)}>
                    去填写
                  </BigButton>
                </View>
              )}
            </View>
          )}
        </StateView>
      )}
      {resident &&
        LINKS.map((link) => (
          <View className='card card--tap' key={link.testId} data-testid={link.testId} onClick={() => go(link.url)}>
            <View className='card__row'>
              <View className='option__title'>{link.title}</View>
              <View>›</View>
            </View>
          </View>
        ))}
      {signedIn && isStaff(user) && (
        <View className='card'>
          <View className='card__title'>{user?.name}（工作账号）</View>
          <BigButton testId='mine-staff-home' onClick={() => go(ROUTES.staffHome)}>
            进入工作台
          </BigButton>
        </View>
      )}
      <View className='card card--tap' data-testid='staff-entry' onClick={() => go(isStaff(user) ? ROUTES.staffHome : ROUTES.staffLogin)}>
        <View className='card__row'>
          <View className='option__title'>医生/管理员入口</View>
          <View>›</View>
        </View>
      </View>
      <View className='card' data-testid='elder-mode'>
        <View className='switch-row'>
          <View>
            <View className='option__title'>长辈模式</View>
            <View className='muted'>字更大，按钮更大，看得更清楚</View>
          </View>
          <Switch data-testid='elder-mode-switch' checked={elder} color='#0b5d3b' onChange={(e) => switchElderMode(e.detail.value)} />
        </View>
      </View>
      {signedIn && (
        <BigButton testId='logout' kind='plain' onClick={logout}>
          退出登录
        </BigButton>
      )}
    </Page>
  )
}
