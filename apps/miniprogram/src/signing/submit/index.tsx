import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatYuan } from '@jiayi/domain'
import { contractsApi } from '../../api/contracts'
import type { Contract } from '../../api/types'
import { Page } from '../../components/Page'
import { Steps, SIGNING_STEPS, CHANGE_TEAM_STEPS } from '../../components/Steps'
import { HOW_TO_PAY } from '../../components/FeeTable'
import { BigButton, CheckItem } from '../../components/Form'
import { ErrorMessage } from '../../components/StateView'
import { useAction } from '../../hooks/useRequest'
import { ROUTES } from '../../routes'
import { go, replace } from '../../navigation'
import { clearDraft, readDraft, type SigningDraft } from '../draft'

/** The whole household in one POST /api/contracts: every contract is created, or none. */
async function submitDraft(draft: SigningDraft, insuranceAuthorized: boolean): Promise<Contract[]> {
  if (!draft.team) throw new Error('incomplete draft')
  if (draft.changeTeamOf) {
    return [await contractsApi.changeTeam(draft.changeTeamOf, { teamId: draft.team.id, doctorId: draft.doctor?.id })]
  }
  if (!draft.agreementVersion) throw new Error('incomplete draft')
  const [first, ...others] = draft.people
  const codesOf = (personId: string) => draft.packages[personId] ?? []
  return contractsApi.create({
    personIds: draft.people.map((p) => p.id),
    teamId: draft.team.id,
    doctorId: draft.doctor?.id,
    packageCodes: codesOf(first.id),
    selections: others.length ? draft.people.map((p) => ({ personId: p.id, packageCodes: codesOf(p.id) })) : undefined,
    years: draft.years,
    agreementVersion: draft.agreementVersion,
    insuranceAuthorized,
  })
}

export default function SubmitPage() {
  const draft = readDraft()
  const [insuranceAuthorized, setInsuranceAuthorized] = useState(false)
  const submit = useAction(async () => {
    await submitDraft(draft, insuranceAuthorized)
    clearDraft()
    replace(ROUTES.success)
  })

  if (!draft.team || !draft.agreementVersion || (draft.people.length === 0 && !draft.changeTeamOf)) {
    return (
      <Page title='确认提交'>
        <View className='state state--empty' data-testid='state-empty'>
          签约信息不完整，请重新开始。
        </View>
        <BigButton testId='restart' onClick={() => go(ROUTES.people)}>
          重新开始
        </BigButton>
      </Page>
    )
  }

  const totalSelfPay = draft.people.reduce((sum, p) => sum + (draft.selfPay[p.id] ?? 0), 0)

  return (
    <Page
      title='确认签约信息'
      testId='submit'
      bottom={
        <BigButton testId='contract-submit' loading={submit.busy} disabled={!draft.changeTeamOf && !insuranceAuthorized} onClick={() => submit.run()}>
          {draft.changeTeamOf ? '提交更换申请' : '提交签约'}
        </BigButton>
      }
    >
      <Steps steps={draft.changeTeamOf ? CHANGE_TEAM_STEPS : SIGNING_STEPS} current={draft.changeTeamOf ? 3 : 5} />
      <View className='card'>
        {draft.changeTeamOf ? (
          <View className='card__row'>
            <View className='muted'>办理</View>
            <View>更换医生团队（新团队确认后原签约结束，确认前照常有效）</View>
          </View>
        ) : (
          <View className='card__row'>
            <View className='muted'>签约人</View>
            <View>{draft.people.map((p) => p.name).join('、')}</View>
          </View>
        )}
        <View className='card__row'>
          <View className='muted'>医生团队</View>
          <View>{draft.team.name}</View>
        </View>
        <View className='card__row'>
          <View className='muted'>负责医生</View>
          <View>{draft.doctor?.name ?? '由团队安排'}</View>
        </View>
        {!draft.changeTeamOf && (
          <View className='card__row'>
            <View className='muted'>签约年限</View>
            <View>{draft.years}年</View>
          </View>
        )}
      </View>
      {!draft.changeTeamOf && (
        <View className='card' data-testid='submit-selfpay'>
          <View className='card__title'>个人自付（{draft.years}年）</View>
          {draft.people.map((p) => (
            <View className='card__row' key={p.id} data-testid='submit-selfpay-person'>
              <View>{p.self ? `${p.name}（本人）` : p.name}</View>
              <View>{formatYuan(draft.selfPay[p.id] ?? 0)} 元</View>
            </View>
          ))}
          {draft.people.length > 1 && (
            <View className='card__row' style={{ fontWeight: 800, borderTop: '1px solid #d9dfdc', paddingTop: '6px' }}>
              <View>全家合计</View>
              <View data-testid='submit-selfpay-total'>
                <Text className='fees__self-amount' style={{ color: '#0b5d3b' }}>
                  {formatYuan(totalSelfPay)}
                </Text>{' '}
                元
              </View>
            </View>
          )}
          <View className='muted'>{HOW_TO_PAY}</View>
        </View>
      )}

      {draft.changeTeamOf ? (
        <View className='note'>
          服务包、年限和医保支付授权沿用原签约。新团队确认后新签约生效、原签约同时结束；确认前原签约照常有效，新团队不同意则原签约继续。
        </View>
      ) : (
        <View>
          <View className='section-title'>医保基金支付授权</View>
          <CheckItem testId='insurance-auth' checked={insuranceAuthorized} onChange={setInsuranceAuthorized}>
            我授权使用医保基金支付服务包中医保承担的部分
          </CheckItem>
          <View className='muted'>不授权将无法在线签约，请到签约机构现场办理。</View>
        </View>
      )}

      <ErrorMessage error={submit.error} />
    </Page>
  )
}
