import { View } from '@tarojs/components'
import { Page } from '../../components/Page'
import { BigButton } from '../../components/Form'
import { ROUTES } from '../../routes'
import { go, replace } from '../../navigation'
import { askToSubscribe } from '../../subscribe'

export default function SuccessPage() {
  return (
    <Page testId='submit-success'>
      <View className='state'>
        <View style={{ fontSize: '56px', color: '#0b5d3b' }}>✓</View>
        <View className='page__title'>已提交，等待医生确认</View>
        <View>医生确认后签约就生效了。您可以在“我的签约”里查看。</View>
      </View>
      <BigButton testId='success-subscribe' kind='plain' onClick={() => askToSubscribe('contract')}>
        医生确认后微信通知我
      </BigButton>
      <BigButton testId='success-contracts' onClick={() => replace(ROUTES.contracts)}>
        查看我的签约
      </BigButton>
      <BigButton testId='success-home' kind='plain' onClick={() => go(ROUTES.home)}>
        返回首页
      </BigButton>
    </Page>
  )
}
