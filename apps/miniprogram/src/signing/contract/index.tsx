import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { addDays, contractPeriod, todayInChina } from '@jiayi/domain'
import { catalogApi } from '../../api/catalog'
import { contractsApi } from '../../api/contracts'
import { meApi } from '../../api/me'
import { servicesApi } from '../../api/services'
import type { Contract } from '../../api/types'
import { Page } from '../../components/Page'
import { BigButton, CheckItem, OptionRow } from '../../components/Form'
import { Sheet } from '../../components/Sheet'
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

/** The first day of renewal's new period and its end, from the contract it continues. */
function renewalPeriod(contract: Contract): { startDate: string; endDate: string } {
  return contractPeriod(addDays(contract.endDate, 1), contract.years)
}

/** 续约 when the window is open: what is renewed, for which period, who pays what, and the agreement. */
function RenewSheet({ contract, onClose }: { contract: Contract; onClose: () => void }) {
  const period = renewalPeriod(contract)
  const quote = useRequest(() => catalogApi.quote(contract.personId, contract.packageCodes, contract.years), [contract.id])
  const agreement = useRequest(() => catalogApi.currentAgreement(), [])
  const [accepted, setAccepted] = useState(false)
  const [showAgreement, setShowAgreement] = useState(false)
  const renew = useAction(async () => {
    const renewal = await contractsApi.renew(contract.id, { packageCodes: contract.packageCodes, years: contract.years })
    toast('已提交续约')
    replace(withQuery(ROUTES.contract, { id: renewal.id }))
  })
  return (
    <Sheet title={`为${contract.person.name}续约`} testId='renew-sheet' onClose={onClose}>
      <View className='card__row'>
        <View className='muted'>新的服务期</View>
        <View data-testid='renew-period'>
          {formatDate(period.startDate)} 至 {formatDate(period.endDate)}（{contract.years}年）
        </View>
      </View>
      <View className='card__row'>
        <View className='muted'>医生团队</View>
        <View>{contract.team.name}</View>
      </View>
      <View className='muted'>服务包和费用按今天的政策重新计算，以医生确认时为准：</View>
      <StateView state={quote}>{(q) => <FeeTable quote={q} personName={contract.person.name} testId='renew-fees' />}</StateView>
      <CheckItem testId='renew-accept' checked={accepted} onChange={setAccepted}>
        我已阅读并同意《家庭医生签约服务协议》
        <Text
          className='link'
          data-testid='renew-agreement-link'
          onClick={(e) => {
            e.stopPropagation()
            setShowAgreement(!showAgreement)
          }}
        >
          {showAgreement ? '收起' : '查看协议'}
        </Text>
      </CheckItem>
      {showAgreement && (
        <StateView state={agreement}>
          {(a) => (
            <ScrollView scrollY className='agreement' style={{ height: '220px' }}>
              {a.text}
            </ScrollView>
          )}
        </StateView>
      )}
      <ErrorMessage error={renew.error} testId='renew-error' />
      <BigButton testId='renew-confirm' disabled={!accepted || !quote.data} loading={renew.busy} onClick={() => renew.run()}>
        确认续约
      </BigButton>
      <BigButton testId='renew-cancel' kind='plain' onClick={onClose}>
        暂不续约
      </BigButton>
    </Sheet>
  )
}

/** A change of team the resident asked for, still waiting for the new team (the old contract runs on). */
function pendingChangeOf(contract: Contract, all: Contract[] | undefined): Contract | undefined {
  if (contract.status !== 'active') return undefined
  return all?.find((c) => c.personId === contract.personId && c.status === 'pending' && !c.renewalOf && c.teamId !== contract.teamId)
}

function Actions({ contract, onChanged, openRenewal }: { contract: Contract; onChanged: () => void; openRenewal: boolean }) {
  const [terminating, setTerminating] = useState(false)
  const [renewing, setRenewing] = useState(
    openRenewal && contract.status === 'active' && !contract.renewedBy && (!contract.renewalOpensOn || contract.renewalOpensOn <= todayInChina(new Date())),
  )
  const [reason, setReason] = useState('')
  const all = useRequest(() => contractsApi.list(), [contract.id])
  const pendingChange = pendingChangeOf(contract, all.data)

  const terminate = useAction(async () => {
    await contractsApi.terminate(contract.id, reason)
    toast(contract.status === 'pending' ? '已撤回' : '已解约')
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
    const pending = contract.status === 'pending'
    const { confirm } = await Taro.showModal({
      title: pending ? '撤回签约申请' : '确认解约',
      content: pending
        ? `撤回后${contract.person.name}的这份申请作废，不收任何费用，以后可以重新签约。`
        : `确定为${contract.person.name}解约吗？解约今天生效：${contract.team.name}不再为${contract.person.name}提供签约服务${contract.renewedBy ? '，已办理的续约一并取消' : ''}。个人自付费用不在线退还，如需退费请联系${contract.institution.name}。以后可以重新签约。`,
      confirmText: pending ? '撤回' : '解约',
      confirmColor: '#b00020',
    })
    if (confirm) terminate.run()
  }

  if (contract.status !== 'active' && contract.status !== 'pending') return null
  const today = todayInChina(new Date())
  const renewalOpen = !contract.renewalOpensOn || contract.renewalOpensOn <= today
  return (
    <View className='card'>
      <View className='card__title'>办理业务</View>
      {pendingChange && (
        <View className='note' data-testid='change-pending'>
          您已申请更换到{pendingChange.team.name}，正在等待新团队确认。确认前这份签约照常有效；新团队确认后它自动结束，不通过则继续有效。
          <Text className='link' onClick={() => go(withQuery(ROUTES.contract, { id: pendingChange.id }))}>
            查看申请
          </Text>
        </View>
      )}
      {contract.status === 'active' && (
        <View>
          {contract.renewedBy ? (
            <View className='note' data-testid='renewed'>
              已办理续约。
              <Text className='link' onClick={() => go(withQuery(ROUTES.contract, { id: contract.renewedBy! }))}>
                查看续约
              </Text>
            </View>
          ) : renewalOpen ? (
            <BigButton testId='renew' onClick={() => setRenewing(true)}>
              续约
            </BigButton>
          ) : (
            <View>
              <BigButton testId='renew' disabled onClick={() => undefined}>
                续约将于{formatDate(contract.renewalOpensOn)}开放
              </BigButton>
              <View className='muted' data-testid='renew-not-yet'>
                到期前才能续约，现在这份签约有效到{formatDate(contract.endDate)}，不用着急。
              </View>
            </View>
          )}
          <BigButton testId='contract-referral' kind='plain' onClick={() => go(withQuery(ROUTES.referralBook, { contractId: contract.id }))}>
            预约转诊
          </BigButton>
          {!pendingChange && (
            <BigButton testId='change-team' kind='plain' loading={changeTeam.busy} onClick={() => changeTeam.run()}>
              更换团队
            </BigButton>
          )}
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
            {contract.status === 'pending' ? '确认撤回' : '确认解约'}
          </BigButton>
          <BigButton testId='terminate-cancel' kind='plain' onClick={() => setTerminating(false)}>
            取消
          </BigButton>
        </View>
      )}
      {renewing && <RenewSheet contract={contract} onClose={() => setRenewing(false)} />}
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
      {services.length > 0 && (
        <View className='muted'>
          最近一次：{formatDate(services[0].serviceDate)} {services[0].typeLabel}
        </View>
      )}
      <View className='link' onClick={() => go(ROUTES.services)}>
        查看我的服务 ›
      </View>
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
              {c.status === 'pending' && <View className='note'>已提交，等待医生确认。确认前不收费，也可以撤回。</View>}
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
            <FeeTable quote={c.fees} personName={c.person.name} status={c.status} />

            <Actions contract={c} onChanged={contract.reload} openRenewal={params.renew === '1'} />
          </View>
        )}
      </StateView>
    </Page>
  )
}
