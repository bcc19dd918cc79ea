import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
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

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * WeChat's privacy popup convention: a short notice over the page, the guide one tap away, 拒绝 and
 * 同意 side by side (同意 is WeChat's agreePrivacyAuthorization button in the mini-program). Health
 * information and children's information need a separate tick (单独同意) before 同意 counts.
 */
export default function PrivacyPage() {
  const [sensitiveConsent, setSensitiveConsent] = useState(false)
  const [guideOpen, setGuideOpen] = useState(false)
  const [refused, setRefused] = useState(false)

  const agree = () => {
    if (!sensitiveConsent) return
    rememberConsent(true)
    replace(getToken() ? ROUTES.profile : ROUTES.login)
  }
  const openGuide = () => {
    if (isWeapp) Taro.openPrivacyContract({ fail: () => setGuideOpen(!guideOpen) })
    else setGuideOpen(!guideOpen)
  }

  if (refused) {
    return (
      <Page title='您没有同意隐私保护指引' testId='privacy-refused'>
        <View className='card'>
          <View>不同意的话，我们不会收集您的任何信息，因此：</View>
          <View>· 不能填写个人资料，不能在线签约家庭医生；</View>
          <View>· 仍然可以浏览健康资讯，也可以到卫生院现场签约。</View>
          <View className='muted'>以后想用，在“我的 → 隐私保护指引”里重新同意就可以。</View>
        </View>
        <BigButton testId='privacy-reconsider' onClick={() => setRefused(false)}>
          重新考虑
        </BigButton>
        <BigButton testId='privacy-refused-home' kind='plain' onClick={() => replace(ROUTES.home)}>
          返回首页
        </BigButton>
      </Page>
    )
  }

  return (
    <Page testId='privacy'>
      <View className='sheet-mask'>
        <View className='sheet' data-testid='privacy-popup'>
          <View className='sheet__title'>用户隐私保护提示</View>
          <View>
            感谢您使用家医。为了给您和家人办理家庭医生签约，我们需要收集姓名、身份证号、手机号和健康情况。请您阅读
            <Text className='link' data-testid='privacy-policy-link' onClick={openGuide}>
              《家医小程序隐私保护指引》
            </Text>
            ，同意后才能继续。
          </View>
          {guideOpen && (
            <View className='agreement' style={{ height: 'auto', margin: '10px 0' }} data-testid='privacy-guide'>
              {GUIDE.map(([title, text]) => (
                <View key={title} style={{ marginBottom: '10px' }}>
                  <View style={{ fontWeight: 700 }}>{title}</View>
                  <View>{text}</View>
                </View>
              ))}
              <View className='muted'>版本：{PRIVACY_POLICY_VERSION}</View>
            </View>
          )}
          <View style={{ marginTop: '12px' }}>
            <CheckItem testId='consent-sensitive' checked={sensitiveConsent} onChange={setSensitiveConsent}>
              我单独同意处理我和家人的健康信息、14岁以下儿童的信息（敏感个人信息，需单独同意）
            </CheckItem>
          </View>
          <View className='row' style={{ flexWrap: 'nowrap' }}>
            <View style={{ flex: 1 }}>
              <BigButton testId='privacy-refuse' kind='plain' onClick={() => setRefused(true)}>
                拒绝
              </BigButton>
            </View>
            <View style={{ flex: 1 }}>
              <Button
                className={`btn btn--primary ${sensitiveConsent ? '' : 'btn--disabled'}`}
                data-testid='privacy-continue'
                data-disabled={sensitiveConsent ? 'false' : 'true'}
                disabled={sensitiveConsent ? undefined : true}
                openType={isWeapp && sensitiveConsent ? 'agreePrivacyAuthorization' : undefined}
                onAgreePrivacyAuthorization={agree}
                onClick={() => {
                  if (!isWeapp) agree()
                }}
              >
                同意
              </Button>
            </View>
          </View>
          {!sensitiveConsent && <View className='muted'>请先勾选上面的单独同意，再点“同意”。</View>}
        </View>
      </View>
    </Page>
  )
}
