import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { staffReferralsApi, type StaffDownReferral, type StaffReferral } from '../../api/referrals'
import { BigButton, Field } from '../../components/Form'
import { PhoneCall } from '../../components/PhoneCall'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { ROUTES } from '../../routes'
import { go, toast } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'
import { FeedbackBlock, slotLabel, StatusBadge } from '../shared'

type Tab = 'requested' | 'booked' | 'feedback' | 'down'
const TABS: { key: Tab; label: string }[] = [
  { key: 'requested', label: '待审核' },
  { key: 'booked', label: '已预约' },
  { key: 'feedback', label: '医院回执' },
  { key: 'down', label: '转回待接收' },
]

function ReferralRow({ referral, onChanged }: { referral: StaffReferral; onChanged: () => void }) {
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const approve = useAction(async () => {
    await staffReferralsApi.approve(referral.id)
    toast('已同意，预约成功')
    onChanged()
  })
  const decline = useAction(async () => {
    await staffReferralsApi.decline(referral.id, reason)
    toast('已退回')
    onChanged()
  })
  return (
    <View className='card' data-testid={`queue-${referral.id}`}>
      <View className='card__row'>
        <View className='card__title'>
          {referral.person.name}（{referral.person.gender === 'male' ? '男' : '女'}，{referral.person.age}岁）
        </View>
        <StatusBadge status={referral.status} />
      </View>
      <View className='card__row'>
        <View className='muted'>转往</View>
        <View>
          {referral.hospitalName} {referral.department}
        </View>
      </View>
      <View className='card__row'>
        <View className='muted'>就诊时间</View>
        <View>{slotLabel(referral.date, referral.period)}</View>
      </View>
      <View className='card__row'>
        <View className='muted'>转诊原因</View>
        <View>{referral.reason}</View>
      </View>
      {referral.contract && (
        <View className='card__row'>
          <View className='muted'>签约</View>
          <View>
            到{referral.contract.endDate} · {referral.contract.packages.join('、')}
          </View>
        </View>
      )}
      <View className='card__row'>
        <View className='muted'>身份证</View>
        <View>{referral.person.idNumberMasked}</View>
      </View>
      {referral.person.phone && <PhoneCall label='居民电话' phone={referral.person.phone} testId='queue-call' />}
      {referral.status === 'requested' && referral.holdExpiresAt && (
        <View className='muted'>请在{formatDateTime(referral.holdExpiresAt)}前审核，逾期号源自动释放。</View>
      )}
      {referral.feedback && <FeedbackBlock feedback={referral.feedback} />}
      {referral.status === 'requested' && (
        <View>
          <ErrorMessage error={approve.error || decline.error} />
          {!declining ? (
            <View className='row'>
              <BigButton small testId='queue-approve' loading={approve.busy} onClick={() => approve.run()}>
                同意转诊
              </BigButton>
              <BigButton small kind='plain' testId='queue-decline' onClick={() => setDeclining(true)}>
                不同意
              </BigButton>
            </View>
          ) : (
            <View>
              <Field
                label='不同意的原因（居民会看到）'
                value={reason}
                onInput={setReason}
                testId='queue-decline-reason'
                placeholder='例如：可先在社区调整用药观察两周'
              />
              <BigButton small kind='danger' testId='queue-decline-confirm' loading={decline.busy} onClick={() => decline.run()}>
                确认退回
              </BigButton>
            </View>
          )}
        </View>
      )}
    </View>
  )
}

function DownRow({ down, onChanged }: { down: StaffDownReferral; onChanged: () => void }) {
  const acknowledge = useAction(async () => {
    await staffReferralsApi.acknowledge(down.id)
    toast('已接收，请按随访计划跟进')
    onChanged()
  })
  return (
    <View className='card' data-testid={`down-${down.id}`}>
      <View className='card__title'>
        {down.personName} · {down.hospitalName}
        {down.department}转回
      </View>
      <View className='muted'>
        转回时间：{formatDateTime(down.sentAt)}（就诊日 {down.visitDate}）
      </View>
      <View className='muted'>诊疗小结</View>
      <View>{down.summary}</View>
      <View className='muted'>随访计划</View>
      <View>{down.plan}</View>
      <ErrorMessage error={acknowledge.error} />
      <BigButton small testId='down-acknowledge' loading={acknowledge.busy} onClick={() => acknowledge.run()}>
        确认接收
      </BigButton>
    </View>
  )
}

function TabContent({ tab }: { tab: Tab }) {
  const referrals = useRequest<StaffReferral[]>(
    async () => {
      if (tab === 'feedback') return (await staffReferralsApi.list({ status: 'visited' })).filter((r) => r.feedback)
      return staffReferralsApi.list({ status: tab === 'down' ? 'visited' : tab })
    },
    [tab],
    { enabled: tab !== 'down', refreshOnShow: true },
  )
  const downs = useRequest(() => staffReferralsApi.downReferrals(true), [tab], { enabled: tab === 'down', refreshOnShow: true })
  if (tab === 'down') {
    return (
      <StateView state={downs} isEmpty={(list) => list.length === 0} emptyText='没有待接收的转回'>
        {(list) => (
          <View>
            {list.map((d) => (
              <DownRow key={d.id} down={d} onChanged={downs.reload} />
            ))}
          </View>
        )}
      </StateView>
    )
  }
  return (
    <StateView state={referrals} isEmpty={(list) => list.length === 0} emptyText={tab === 'requested' ? '没有待审核的转诊申请' : '暂无记录'}>
      {(list) => (
        <View>
          {list.map((r) => (
            <ReferralRow key={r.id} referral={r} onChanged={referrals.reload} />
          ))}
        </View>
      )}
    </StateView>
  )
}

export default function ReferralQueuePage() {
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(TABS.find((t) => t.key === params.tab)?.key ?? 'requested')
  return (
    <StaffGate area='referralQueue' title='转诊审核' testId='referral-queue'>
      {() => (
        <View>
          <BigButton testId='queue-book' kind='plain' onClick={() => go(ROUTES.referralBook)}>
            为居民预约转诊
          </BigButton>
          <View className='tabs'>
            {TABS.map((t) => (
              <View
                key={t.key}
                className={`tabs__tab ${tab === t.key ? 'tabs__tab--on' : ''}`}
                data-testid={`queue-tab-${t.key}`}
                onClick={() => setTab(t.key)}
              >
                {t.label}
              </View>
            ))}
          </View>
          <TabContent tab={tab} />
        </View>
      )}
    </StaffGate>
  )
}
