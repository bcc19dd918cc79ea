import { useState } from 'react'
import { ScrollView, View } from '@tarojs/components'
import { catalogApi } from '../../api/catalog'
import { Page } from '../../components/Page'
import { Steps, SIGNING_STEPS, CHANGE_TEAM_STEPS } from '../../components/Steps'
import { BigButton, CheckItem } from '../../components/Form'
import { StateView } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { readDraft, updateDraft } from '../draft'

export default function AgreementPage() {
  const agreement = useRequest(() => catalogApi.currentAgreement(), [])
  const [accepted, setAccepted] = useState(false)
  const [readToEnd, setReadToEnd] = useState(false)
  const changing = !!readDraft().changeTeamOf

  return (
    <Page title='签约协议' testId='agreement'>
      <Steps steps={changing ? CHANGE_TEAM_STEPS : SIGNING_STEPS} current={changing ? 2 : 4} />
      <StateView state={agreement}>
        {(a) => (
          <View>
            <View className='card__title'>{a.title}</View>
            <ScrollView scrollY className='agreement' data-testid='agreement-text' lowerThreshold={40} onScrollToLower={() => setReadToEnd(true)}>
              {a.text}
            </ScrollView>
            <View className='muted'>
              协议版本：{a.version}
              {readToEnd ? '' : '（请向下滑动读完协议）'}
            </View>
            <CheckItem testId='agreement-accept' checked={accepted} onChange={setAccepted}>
              我已阅读并同意《家庭医生签约服务协议》
            </CheckItem>
            <BigButton
              testId='agreement-next'
              disabled={!accepted}
              onClick={() => {
                updateDraft({ agreementVersion: a.version })
                go(ROUTES.submit)
              }}
            >
              下一步：确认提交
            </BigButton>
          </View>
        )}
      </StateView>
    </Page>
  )
}
