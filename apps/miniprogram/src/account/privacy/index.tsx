import { useState } from 'react'
import { ScrollView, View } from '@tarojs/components'
import { Page } from '../../components/Page'
import { BigButton, CheckItem } from '../../components/Form'
import { PRIVACY_POLICY_VERSION, rememberConsent } from '../../consent'
import { ROUTES } from '../../routes'
import { replace } from '../../navigation'
import { getToken } from '../../session'

const GUIDE = [
  ['我们收集什么', '您和家人的姓名、身份证号、手机号、居住社区，以及您告诉我们的健康情况（如高血压、糖尿病）。'],
  ['用来做什么', '只用于办理家庭医生签约、计算费用、医生随访和满意度调查。'],
  ['谁能看到', '只有您签约的医生团队和卫生管理部门能看到。身份证号加密保存，显示时会隐藏中间数字。'],
  ['保存多久', '签约记录按规定至少保存五年，到期后删除或匿名处理。'],
  ['您的权利', '您可以查看、更正您的信息，也可以撤回同意。撤回后将无法继续签约服务。'],
]

export default function PrivacyPage() {
  const [guideAccepted, setGuideAccepted] = useState(false)
  const [sensitiveConsent, setSensitiveConsent] = useState(false)
  const ready = guideAccepted && sensitiveConsent

  const next = () => {
    rememberConsent(true)
    replace(getToken() ? ROUTES.profile : ROUTES.login)
  }

  return (
    <Page title='隐私保护指引' testId='privacy'>
      <ScrollView scrollY className='agreement' style={{ height: '300px' }}>
        {GUIDE.map(([title, text]) => (
          <View key={title} style={{ marginBottom: '12px' }}>
            <View style={{ fontWeight: 700 }}>{title}</View>
            <View>{text}</View>
          </View>
        ))}
        <View className='muted'>版本：{PRIVACY_POLICY_VERSION}</View>
      </ScrollView>

      <View className='section-title'>请您确认</View>
      <CheckItem testId='privacy-accept' checked={guideAccepted} onChange={setGuideAccepted}>
        我已阅读并同意《隐私保护指引》
      </CheckItem>
      <View className='note'>
        健康信息和14岁以下儿童的信息属于敏感个人信息，需要您单独同意。
      </View>
      <CheckItem testId='consent-sensitive' checked={sensitiveConsent} onChange={setSensitiveConsent}>
        我单独同意处理我和家人的健康信息、14岁以下儿童信息（单独同意）
      </CheckItem>
      {!sensitiveConsent && <View className='muted'>不同意敏感信息处理，将无法办理签约。</View>}
      <BigButton testId='privacy-continue' disabled={!ready} onClick={next}>
        同意并继续
      </BigButton>
    </Page>
  )
}
