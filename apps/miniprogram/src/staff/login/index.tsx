import { useState } from 'react'
import { View } from '@tarojs/components'
import { authApi } from '../../api/auth'
import { Page } from '../../components/Page'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage } from '../../components/StateView'
import { useAction } from '../../hooks/useRequest'
import { saveSession } from '../../session'
import { ROUTES } from '../../routes'
import { replace } from '../../navigation'

export default function StaffLoginPage() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const login = useAction(async () => {
    const response = await authApi.staffLogin(username.trim(), password)
    saveSession(response.accessToken, response.user)
    replace(ROUTES.staffHome)
  })

  return (
    <Page wide title='医生 / 管理员登录' testId='staff-login-page'>
      <View className='card' style={{ maxWidth: '480px' }}>
        <Field label='用户名' testId='staff-username' value={username} onInput={setUsername} placeholder='例如 clinic1.doctor1' />
        <Field label='密码' testId='staff-password' password value={password} onInput={setPassword} />
        <ErrorMessage error={login.error} />
        <BigButton testId='staff-login' loading={login.busy} disabled={!username.trim() || !password} onClick={() => login.run()}>
          登录
        </BigButton>
      </View>
    </Page>
  )
}
