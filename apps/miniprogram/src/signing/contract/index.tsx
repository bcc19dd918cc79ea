import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { contractsApi } from '../../api/contracts'
import { meApi } from '../../api/me'
import { servicesApi } from '../../api/services'
import type { Contract } from '../../api/types'
import { Page } from '../../components/Page'
import { BigButton, OptionRow } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { ContractSummary } from '../../components/ContractSummary'
import { FeeTable } from '../../components/FeeTable'
import { PhoneCall } from '../../components/PhoneCall'
import { useAction, useRequest } from '../../hooks/useRequest'
import { RESIDENT_TERMINATION_REASONS, terminationReasonLabel } from '../../labels'
import { formatDate, formatDateTime } from '../../format'
import { ROUTES, withQuery } from '../../routes'
import { go, replace, toast } from '../../navigation'
import { startDraft } from '../draft'

function Actions({ contract, onChanged }: { contract: Contract; onChanged: () => void }) {
  const [terminating, setTerminating] = useState(false)
  const [reason, setReason] = useState('')

  const renew = useAction(async () => {
    const renewal = await contractsApi.renew(contract.id)
    toast('已提交续约')
    replace(withQuery(ROUTES.contract, { id: renewal.id }))
  })
  const terminate = useAction(async () => {
    await contractsApi.terminate(contract.id, reason)
    toast('已解约')
    setTerminating(false)
    onChanged()
  })

  const changeTeam = useAction(async () => {
    // Only a team serving the household's village can take the contract: start from it.
    const me = await meApi.get().catch(() => undefined)
    startDraft({
      people: [contract.person],
      changeTeamOf: contract.id,
      currentTeamId: contract.teamId,
      communityId: me?.person?.communityId ?? undefined,
      years: contract.years as 1 | 2 | 3,
    })
    go(ROUTES.team)
  })

  const confirmTerminate = async () => {
    const { confirm } = await Taro.showModal({ title: '确认解约', content: `确定为${contract.person.name}解约吗？解约后需要重新签约。` })
    if (confirm) terminate.run()
  }

  if (contract.status !== 'active' && contract.status !== 'pending') return null
  return (
    <View className='card'>
      <View className='card__title'>办理业务</View>
      {contract.status === 'active' && (
        <View>
          {contract.renewedBy ? (
            <View className='note' data-testid='renewed'>
              已办理续约。
              <Text className='link' onClick={() => go(withQuery(ROUTES.contract, { id: contract.renewedBy! }))}>
                查看续约
              </Text>
            </View>
          ) : (
            <View>
              <BigButton testId='renew' loading={renew.busy} onClick={() => renew.run()}>
                续约
              </BigButton>
              {contract.renewalOpensOn && !renew.error && (
                <View className='muted'>到期前可续约，{formatDate(contract.renewalOpensOn)}起开放。</View>
              )}
              <ErrorMessage error={renew.error} testId='renew-error' />
            </View>
          )}
          <BigButton testId='contract-referral' kind='plain' onClick={() => go(withQuery(ROUTES.referralBook, { contractId: contract.id }))}>
            预约转诊
          </BigButton>
          <BigButton testId='change-team' kind='plain' loading={changeTeam.busy} onClick={() => changeTeam.run()}>
            更换团队
          </BigButton>
        </View>
      )}
      {!terminating ? (
        <BigButton testId='terminate' kind='danger' onClick={() => setTerminating(true)}>
          {contract.status === 'pending' ? '撤回签约' : '解约'}
        </BigButton>
      ) : (
        <View>
          <View className='section-title'>请选择原因</View>
          {RESIDENT_TERMINATION_REASONS.map((code) => (
            <OptionRow key={code} testId={`terminate-reason-${code}`} selected={reason === code} onClick={() => setReason(code)}>
              <View className='option__title'>{terminationReasonLabel(code)}</View>
            </OptionRow>
          ))}
          <ErrorMessage error={terminate.error} />
          <BigButton testId='terminate-confirm' kind='danger' disabled={!reason} loading={terminate.busy} onClick={confirmTerminate}>
            确认解约
          </BigButton>
          <BigButton testId='terminate-cancel' kind='plain' onClick={() => setTerminating(false)}>
            取消
          </BigButton>
        </View>
      )}
    </View>
  )
}

/** 履约进度: of the services the contract promised so far, how many the team gave. */
function DeliveryProgress({ contractId }: { contractId: string }) {
  const mine = useRequest(() => servicesApi.mine(), [contractId])
  const plan = mine.data?.people.flatMap((p) => p.plans).find((p) => p.contractId === contractId)
  if (!plan) return null
  const services = mine.data!.people.flatMap((p) => p.services).filter((s) => s.contractId === contractId)
  return (
    <View className='card' data-testid='contract-progress'>
      <View className='card__title'>履约进度</View>
      <View>
        整个签约期共 {plan.summary.total} 项服务：已提供 {plan.summary.done} 项，正在安排 {plan.summary.open} 项
        {plan.summary.overdue > 0 ? `，${plan.summary.overdue} 项未按时提供` : ''}。
      </View>
      {services.length > 0 && <View className='muted'>最近一次：{formatDate(services[0].serviceDate)} {services[0].typeLabel}</View>}
      <View className='link' onClick={() => go(ROUTES.services)}>查看我的服务 ›</View>
    </View>
  )
}

export default function ContractPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const contract = useRequest(() => contractsApi.get(id), [id], { enabled: !!id })

  return (
    <Page title='签约详情' testId='contract'>
      <StateView state={contract}>
        {(c) => (
          <View>
            <View className='card' data-testid='contract-detail'>
              <ContractSummary contract={c} />
              {c.status === 'pending' && <View className='note'>已提交，等待医生确认。</View>}
              {c.rejectionReason && <View className='form-error'>退回原因：{c.rejectionReason}</View>}
              {c.status === 'rejected' && (
                <BigButton testId='contract-resign' onClick={() => go(ROUTES.people)}>
                  重新签约
                </BigButton>
              )}
              {c.terminationReason && <View className='muted'>解约原因：{terminationReasonLabel(c.terminationReason)}</View>}
              {c.confirmedAt && <View className='muted'>医生确认时间：{formatDateTime(c.confirmedAt)}</View>}
              {c.renewalOf && <View className='muted'>这是续约：上一期到期后，从服务期第一天起接着生效。</View>}
            </View>

            <View className='card' data-testid='team-contact'>
              {/* After 改签 or 解约 this team is no longer the resident's: do not call it theirs. */}
              <View className='card__title'>{c.status === 'active' || c.status === 'pending' ? '您的家庭医生' : '这份签约的医生团队'}</View>
              <View>{c.institution.name}</View>
              <View>{c.team.name}</View>
              {c.doctor && (
                <View>
                  负责医生：{c.doctor.name} · {c.doctor.title}
                </View>
              )}
              {c.doctor && <PhoneCall testId='call-doctor' label='打给医生' phone={c.doctor.phone} />}
              <PhoneCall testId='call-team' label='打给团队' phone={c.team.phone} />
            </View>

            {c.status === 'active' && <DeliveryProgress contractId={c.id} />}

            <View className='section-title'>费用明细</View>
            <FeeTable quote={c.fees} personName={c.person.name} />

            <Actions contract={c} onChanged={contract.reload} />
          </View>
        )}
      </StateView>
    </Page>
  )
}
