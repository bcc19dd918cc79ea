import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { staffReferralsApi, type StaffReferral } from '../../api/referrals'
import { BigButton, TextArea } from '../../components/Form'
import { PhoneCall } from '../../components/PhoneCall'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { ROUTES } from '../../routes'
import { go, toast } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'
import { addDays, FeedbackBlock, slotLabel, StatusBadge, today } from '../shared'

/** How far back unrecorded bookings are still shown for an outcome. */
const LOOKBACK_DAYS = 7

type Tab = 'arrivals' | 'visited'

function FeedbackForm({ referral, onSaved }: { referral: StaffReferral; onSaved: () => void }) {
  const [findings, setFindings] = useState(referral.feedback?.findings ?? '')
  const [advice, setAdvice] = useState(referral.feedback?.advice ?? '')
  const [nextStep, setNextStep] = useState(referral.feedback?.nextStep ?? '')
  const save = useAction(async () => {
    await staffReferralsApi.feedback(referral.id, { findings, advice, nextStep })
    toast('回执已发送给家庭医生和居民')
    onSaved()
  })
  return (
    <View data-testid='feedback-form'>
      <TextArea label='诊断与检查结果' value={findings} onInput={setFindings} testId='feedback-findings' />
      <TextArea label='治疗与用药建议' value={advice} onInput={setAdvice} testId='feedback-advice' />
      <TextArea label='下一步安排（复诊、社区随访）' value={nextStep} onInput={setNextStep} testId='feedback-next' />
      <ErrorMessage error={save.error} />
      <BigButton small testId='feedback-submit' loading={save.busy} onClick={() => save.run()}>
        发送回执
      </BigButton>
    </View>
  )
}

function DownForm({ referral, onSent }: { referral: StaffReferral; onSent: () => void }) {
  const [summary, setSummary] = useState('')
  const [plan, setPlan] = useState('')
  const send = useAction(async () => {
    await staffReferralsApi.sendDown({ referralId: referral.id, summary, plan })
    toast(`已转回${referral.team.name}`)
    onSent()
  })
  return (
    <View data-testid='down-form'>
      <TextArea label='出院（诊疗）小结' value={summary} onInput={setSummary} testId='down-summary' />
      <TextArea label='随访计划' value={plan} onInput={setPlan} testId='down-plan' />
      <ErrorMessage error={send.error} />
      <BigButton small testId='down-submit' loading={send.busy} onClick={() => send.run()}>
        转回签约团队
      </BigButton>
    </View>
  )
}

function ArrivalRow({ referral, onChanged }: { referral: StaffReferral; onChanged: () => void }) {
  const [form, setForm] = useState<'feedback' | 'down'>()
  const outcome = useAction(async (to: 'visit' | 'noShow') => {
    if (to === 'noShow') {
      const { confirm } = await Taro.showModal({ title: '登记未就诊', content: `确认${referral.person.name}未按预约就诊吗？` })
      if (!confirm) return
      await staffReferralsApi.noShow(referral.id)
    } else {
      await staffReferralsApi.visit(referral.id)
    }
    toast('已登记')
    onChanged()
  })
  return (
    <View className='card' data-testid={`arrival-${referral.id}`}>
      <View className='card__row'>
        <View className='card__title'>
          {referral.person.name}（{referral.person.gender === 'male' ? '男' : '女'}，{referral.person.age}岁）· {referral.department}
        </View>
        <StatusBadge status={referral.status} />
      </View>
      <View className='card__row'>
        <View className='muted'>预约时间</View>
        <View>{slotLabel(referral.date, referral.period)}</View>
      </View>
      <View className='card__row'>
        <View className='muted'>身份证</View>
        <View>{referral.person.idNumberMasked}</View>
      </View>
      <View className='card__row'>
        <View className='muted'>转诊原因</View>
        <View>{referral.reason}</View>
      </View>
      <View className='card__row'>
        <View className='muted'>家庭医生</View>
        <View>
          {referral.doctor.name}（{referral.team.name}）
        </View>
      </View>
      <View className='row'>
        {referral.person.phone && <PhoneCall label='居民' phone={referral.person.phone} testId='arrival-call-resident' />}
        <PhoneCall label='家庭医生' phone={referral.doctor.phone} testId='arrival-call-doctor' />
      </View>
      <ErrorMessage error={outcome.error} />
      {referral.status === 'booked' && (
        <View className='row'>
          <BigButton small testId='arrival-visit' loading={outcome.busy} onClick={() => outcome.run('visit')}>
            已就诊
          </BigButton>
          <BigButton small kind='plain' testId='arrival-no-show' loading={outcome.busy} onClick={() => outcome.run('noShow')}>
            未就诊
          </BigButton>
        </View>
      )}
      {referral.feedback && form !== 'feedback' && <FeedbackBlock feedback={referral.feedback} />}
      {referral.downReferral && <View className='muted'>已转回签约团队{referral.downReferral.acknowledgedAt ? '，团队已接收' : '，等待团队接收'}</View>}
      {referral.status === 'visited' && (
        <View className='row'>
          <BigButton small kind='plain' testId='arrival-write-feedback' onClick={() => setForm(form === 'feedback' ? undefined : 'feedback')}>
            {referral.feedback ? '修改回执' : '写回执'}
          </BigButton>
          {!referral.downReferral && (
            <BigButton small kind='plain' testId='arrival-send-down' onClick={() => setForm(form === 'down' ? undefined : 'down')}>
              转回签约团队
            </BigButton>
          )}
        </View>
      )}
      {form === 'feedback' && (
        <FeedbackForm
          referral={referral}
          onSaved={() => {
            setForm(undefined)
            onChanged()
          }}
        />
      )}
      {form === 'down' && (
        <DownForm
          referral={referral}
          onSent={() => {
            setForm(undefined)
            onChanged()
          }}
        />
      )}
    </View>
  )
}

function Arrivals({ tab }: { tab: Tab }) {
  const referrals = useRequest(
    () =>
      staffReferralsApi.list({
        status: tab === 'arrivals' ? 'booked' : 'visited',
        from: addDays(today(), tab === 'arrivals' ? -LOOKBACK_DAYS : -30),
        to: today(),
      }),
    [tab],
    { refreshOnShow: true },
  )
  return (
    <StateView state={referrals} isEmpty={(list) => list.length === 0} emptyText={tab === 'arrivals' ? '今天没有待到诊的转诊' : '近30天没有已就诊的转诊'}>
      {(list) => (
        <View>
          {list.map((r) => (
            <ArrivalRow key={r.id} referral={r} onChanged={referrals.reload} />
          ))}
        </View>
      )}
    </StateView>
  )
}

export default function ReferralArrivalsPage() {
  const [tab, setTab] = useState<Tab>('arrivals')
  return (
    <StaffGate area='referralArrivals' title='今日到诊' testId='referral-arrivals'>
      {() => (
        <View>
          <View className='row'>
            <BigButton small kind='plain' testId='arrivals-pools' onClick={() => go(ROUTES.referralPools)}>
              号源管理
            </BigButton>
          </View>
          <View className='tabs'>
            <View className={`tabs__tab ${tab === 'arrivals' ? 'tabs__tab--on' : ''}`} data-testid='arrivals-tab-arrivals' onClick={() => setTab('arrivals')}>
              待登记到诊
            </View>
            <View className={`tabs__tab ${tab === 'visited' ? 'tabs__tab--on' : ''}`} data-testid='arrivals-tab-visited' onClick={() => setTab('visited')}>
              已就诊：回执与转回
            </View>
          </View>
          <Arrivals tab={tab} />
        </View>
      )}
    </StaffGate>
  )
}
