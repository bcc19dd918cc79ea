import { View } from '@tarojs/components'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { useSession } from '../../hooks/useSession'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'

const SERVICES = [
  { testId: 'service-sign', title: '签约家庭医生', text: '为自己和家人选择医生团队和服务包', url: ROUTES.people },
  { testId: 'service-contracts', title: '我的签约', text: '查看签约状态、续约、联系医生', url: ROUTES.contracts },
  { testId: 'service-family', title: '家庭成员', text: '添加家人，一起签约', url: ROUTES.family },
  { testId: 'service-survey', title: '满意度问卷', text: '说说您对家庭医生的评价', url: ROUTES.waves },
  { testId: 'service-profile', title: '个人资料', text: '姓名、身份证号、电话、社区', url: ROUTES.profile },
]

export default function ServicesPage() {
  const { signedIn } = useSession()
  return (
    <Page title='服务' testId='services'>
      {!signedIn && <LoginPrompt />}
      {SERVICES.map((s) => (
        <View className='card card--tap' key={s.testId} data-testid={s.testId} onClick={() => go(signedIn ? s.url : ROUTES.login)}>
          <View className='card__title'>{s.title} ›</View>
          <View className='muted'>{s.text}</View>
        </View>
      ))}
    </Page>
  )
}
