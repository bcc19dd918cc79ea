import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { AccountClosure } from '../../api/types'
import { meApi } from '../../api/me'
import { Page } from '../../components/Page'
import { BigButton } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { forgetConsent } from '../../consent'
import { clearSession } from '../../session'
import { formatDateTime } from '../../format'
import { ROUTES } from '../../routes'
import { go, toast } from '../../navigation'

const WITHDRAW_MEANS = [
  '您和家人申报的重点人群信息（如高血压、糖尿病）会被删除。',
  '之后不能再新签约、续约、更换团队、添加家庭成员或填写问卷，直到您重新同意。',
  '已有的签约不受影响，医生仍按签约时确认的信息为您服务。',
]

const CLOSE_MEANS = [
  '删除：微信登录信息、手机号、申报的重点人群信息、没有签约记录的家庭成员、消息通知。',
  '问卷答案与您断开关联，只保留在匿名统计中。',
  '保留：签约记录（按规定至少保存五年）及其需要的姓名、身份证号，以及工作人员查阅记录的日志。',
  '还有待确认或服务中的签约时不能注销，请先在“我的签约”中解约。',
]

export default function RightsPage() {
  const me = useRequest(() => meApi.get(), [], { refreshOnShow: true })
  const [closed, setClosed] = useState<AccountClosure>()

  const withdraw = useAction(async () => {
    await meApi.withdrawConsent()
    forgetConsent()
    toast('已撤回同意')
    me.reload()
  })
  const close = useAction(async () => {
    const result = await meApi.close()
    forgetConsent()
    clearSession()
    setClosed(result)
  })

  const confirmWithdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回单独同意', content: '撤回后不能再办理新的签约业务，已有签约不受影响。确定撤回吗？' })
    if (confirm) withdraw.run()
  }
  const confirmClose = async () => {
    const { confirm } = await Taro.showModal({ title: '注销账号', content: '注销后无法恢复，签约记录按规定继续保存。确定注销吗？' })
    if (confirm) close.run()
  }

  if (closed) {
    return (
      <Page title='账号已注销' testId='rights-closed'>
        <View className='card'>
          <View className='card__title'>您的账号已注销</View>
          <View>注销时间：{formatDateTime(closed.closedAt)}</View>
          <View>已删除个人资料：{closed.erasedPersons}人（本人及家人中没有签约记录的）</View>
          <View>
            按规定保存的签约记录：{closed.keptContracts}份{closed.keptPersons > 0 ? `（随签约记录保留${closed.keptPersons}人的姓名和身份证号）` : ''}
          </View>
        </View>
        <BigButton testId='rights-home' onClick={() => Taro.reLaunch({ url: ROUTES.home })}>
          返回首页
        </BigButton>
      </Page>
    )
  }

  return (
    <Page title='撤回同意与注销账号' testId='rights'>
      <StateView state={me}>
        {(data) => (
          <View className='card' data-testid='rights-consent'>
            <View className='card__title'>敏感个人信息单独同意</View>
            {data.consent.sensitiveConsent ? (
              <View>
                <View>您已同意{data.consent.consentAt ? `（${formatDateTime(data.consent.consentAt)}）` : ''}。撤回后：</View>
                {WITHDRAW_MEANS.map((line) => (
                  <View key={line} className='muted'>
                    · {line}
                  </View>
                ))}
                <BigButton testId='rights-withdraw' kind='plain' loading={withdraw.busy} onClick={confirmWithdraw}>
                  撤回单独同意
                </BigButton>
                <ErrorMessage error={withdraw.error} testId='rights-withdraw-error' />
              </View>
            ) : (
              <View>
                <View data-testid='rights-withdrawn'>您目前没有同意处理敏感个人信息，不能办理新的签约业务。</View>
                <BigButton testId='rights-consent-again' onClick={() => go(ROUTES.privacy)}>
                  重新阅读并同意
                </BigButton>
              </View>
            )}
          </View>
        )}
      </StateView>
      <View className='card' data-testid='rights-close'>
        <View className='card__title'>注销账号</View>
        {CLOSE_MEANS.map((line) => (
          <View key={line} className='muted'>
            · {line}
          </View>
        ))}
        <BigButton testId='rights-close-account' kind='plain' loading={close.busy} onClick={confirmClose}>
          注销账号
        </BigButton>
        <ErrorMessage error={close.error} testId='rights-close-error' />
      </View>
    </Page>
  )
}
