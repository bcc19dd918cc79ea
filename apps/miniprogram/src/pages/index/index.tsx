import { View } from '@tarojs/components'
import { meApi } from '../../api/me'
import { contractsApi } from '../../api/contracts'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { StateView } from '../../components/StateView'
import { BigButton } from '../../components/Form'
import { useRequest } from '../../hooks/useRequest'
import { useSession } from '../../hooks/useSession'
import { isStaff } from '../../session'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { contractStatusLabel } from '../../labels'

export default function HomePage() {
  const { user, signedIn } = useSession()
  const resident = signedIn && !isStaff(user)
  const me = useRequest(() => meApi.get(), [resident], { enabled: resident, refreshOnShow: true })
  const contracts = useRequest(() => contractsApi.list(), [resident], { enabled: resident, refreshOnShow: true })

  return (
    <Page testId='home'>
      <View className='page__title'>家庭医生签约服务</View>
      <View className='note'>签约家庭医生，有人管您的健康：看病咨询、慢病随访、优先转诊。</View>
      {!signedIn && <LoginPrompt />}
      {signedIn && isStaff(user) && (
        <View className='card'>
          <View className='card__title'>您已用工作账号登录</View>
          <BigButton testId='home-staff' onClick={() => go(ROUTES.staffHome)}>
            进入工作台
          </BigButton>
        </View>
      )}
      {resident && (
        <StateView state={me}>
          {(data) => (
            <View>
              {!data.person ? (
                <View className='card'>
                  <View className='card__title'>第一步：填写个人资料</View>
                  <View>填好姓名、身份证号和电话，就可以签约了。</View>
                  <BigButton testId='home-profile' onClick={() => go(data.consent.sensitiveConsent ? ROUTES.profile : ROUTES.privacy)}>
                    填写个人资料
                  </BigButton>
                </View>
              ) : (
                <View className='card'>
                  <View className='card__title'>您好，{data.person.name}</View>
                  {contracts.data && contracts.data.length > 0 ? (
                    contracts.data.slice(0, 3).map((c) => (
                      <View className='card__row' key={c.id}>
                        <View>{c.person.name}</View>
                        <View className={`badge badge--${c.status}`}>{contractStatusLabel(c.status)}</View>
                      </View>
                    ))
                  ) : (
                    <View className='muted'>您还没有签约家庭医生。</View>
                  )}
                </View>
              )}
              <BigButton testId='home-sign' onClick={() => go(data.person ? ROUTES.people : ROUTES.profile)}>
                我要签约
              </BigButton>
              <BigButton testId='home-contracts' kind='plain' onClick={() => go(ROUTES.contracts)}>
                我的签约
              </BigButton>
              <BigButton testId='home-referral' kind='plain' onClick={() => go(ROUTES.referralMine)}>
                预约转诊
              </BigButton>
              <BigButton testId='home-survey' kind='plain' onClick={() => go(ROUTES.waves)}>
                填写满意度问卷
              </BigButton>
            </View>
          )}
        </StateView>
      )}
    </Page>
  )
}
