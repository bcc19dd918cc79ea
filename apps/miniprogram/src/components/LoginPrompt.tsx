import { View } from '@tarojs/components'
import { ROUTES } from '../routes'
import { go } from '../navigation'
import { BigButton } from './Form'

/** Shown on the tab pages before the resident has signed in. */
export function LoginPrompt({ text = '登录后可以签约家庭医生、查看签约和填写问卷。' }: { text?: string }) {
  return (
    <View className='card' data-testid='login-prompt'>
      <View className='card__title'>您还没有登录</View>
      <View>{text}</View>
      <BigButton testId='home-login' onClick={() => go(ROUTES.login)}>
        微信登录
      </BigButton>
    </View>
  )
}
