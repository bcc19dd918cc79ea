import { View } from '@tarojs/components'
import { Page } from '../../components/Page'
import { BigButton } from '../../components/Form'
import { ROUTES } from '../../routes'
import { backTo, go } from '../../navigation'

export default function ThanksPage() {
  return (
    <Page testId='survey-thanks'>
      <View className='state'>
        <View style={{ fontSize: '56px', color: '#0b5d3b' }}>✓</View>
        <View className='page__title'>提交成功，感谢您的参与！</View>
        <View>您的意见会帮助家庭医生把服务做得更好。</View>
      </View>
      <BigButton testId='thanks-waves' onClick={() => backTo(ROUTES.waves)}>
        返回问卷列表
      </BigButton>
      <BigButton testId='thanks-home' kind='plain' onClick={() => go(ROUTES.home)}>
        返回首页
      </BigButton>
    </Page>
  )
}
