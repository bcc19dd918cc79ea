import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { authApi } from '../../api/auth'
import { Page } from '../../components/Page'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage } from '../../components/StateView'
import { useAction } from '../../hooks/useRequest'
import { saveSession } from '../../session'
import { continueAfterLogin } from '../next-step'

const isH5 = process.env.TARO_ENV === 'h5'

function randomOpenId(): string {
  return `demo-${Math.random().toString(36).slice(2, 10)}`
}

/** Where the WeChat login code comes from: the real WeChat in the mini-program, a demo id in the browser. */
async function loginCode(demoOpenId: string): Promise<string> {
  if (isH5) return `dev:${demoOpenId.trim()}`
  const { code } = await Taro.login()
  return code
}

export default function LoginPage() {
  const [openId, setOpenId] = useState(randomOpenId)
  const login = useAction(async () => {
    const response = await authApi.wechatLogin(await loginCode(openId))
    saveSession(response.accessToken, response.user)
    await continueAfterLogin()
  })

  return (
    <Page title='登录家医' testId='login'>
      <View className='note'>用微信登录后，可以为自己和家人签约家庭医生。</View>
      {isH5 && <Field label='演示微信号' testId='login-openid' value={openId} onInput={setOpenId} hint='这是浏览器演示版，用这个号码代表一个微信用户。' />}
      <ErrorMessage error={login.error} />
      <BigButton testId='login-submit' loading={login.busy} disabled={isH5 && !openId.trim()} onClick={() => login.run()}>
        {isH5 ? '微信登录（演示）' : '微信一键登录'}
      </BigButton>
    </Page>
  )
}
