import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { referralsApi, type Referral } from '../../api/referrals'
import { BigButton } from '../../components/Form'
import { Page } from '../../components/Page'
import { PhoneCall } from '../../components/PhoneCall'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { ROUTES } from '../../routes'
import { go, toast } from '../../navigation'
import { askToSubscribe } from '../../subscribe'
import { FeedbackBlock, slotLabel, SLOT_PERIOD_HOURS, StatusBadge, today } from '../shared'

function ReferralCard({ referral, onChanged }: { referral: Referral; onChanged: () => void }) {
  const cancel = useAction(async () => {
    await referralsApi.cancel(referral.id)
    toast('已取消预约')
    onChanged()
  })
  const confirmCancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消预约',
      content: `确定取消${referral.personName}在${referral.hospitalName}${referral.department}（${slotLabel(referral.date, referral.period)}）的转诊预约吗？`,
      confirmText: '确定取消',
      cancelText: '不取消',
    })
    if (confirm) cancel.run()
  }
  const open = referral.status === 'requested' || referral.status === 'booked'
  return (
    <View className='card' data-testid={`referral-${referral.id}`}>
      <View className='card__row'>
        <View className='card__title'>
          {referral.hospitalName} · {referral.department}
        </View>
        <StatusBadge status={referral.status} />
      </View>
      <View className='card__row'>
        <View className='muted'>就诊人</View>
        <View>{referral.personName}</View>
      </View>
      <View className='card__row'>
        <View className='muted'>就诊时间</View>
        <View>
          {slotLabel(referral.date, referral.period)}
          {open ? `，${SLOT_PERIOD_HOURS[referral.period].arrive}前到` : ''}
        </View>
      </View>
      <View className='card__row'>
        <View className='muted'>医院地址</View>
        <View>{referral.hospitalAddress}</View>
      </View>
      <View className='card__row'>
        <View className='muted'>转诊原因</View>
        <View>{referral.reason}</View>
      </View>
      {referral.status === 'requested' && referral.holdExpiresAt && (
        <View className='note'>
          号源已为您保留，等待{referral.doctor.name}医生审核。{formatDateTime(referral.holdExpiresAt)}前未审核，号源会自动释放。
        </View>
      )}
      {referral.status === 'declined' && referral.declineReason && <View className='form-error'>未通过原因：{referral.declineReason}</View>}
      {referral.status === 'expired' && <View className='muted'>家庭医生没有按时审核，号源已释放，您可以重新预约。</View>}
      {open && (
        <View>
          <View className='section-title'>就诊请带上</View>
          {referral.whatToBring.map((item) => (
            <View className='bring' key={item}>
              · {item}
            </View>
          ))}
        </View>
      )}
      {referral.feedback && <FeedbackBlock feedback={referral.feedback} />}
      <PhoneCall label={`联系${referral.doctor.name}医生`} phone={referral.doctor.phone} testId='referral-doctor-call' />
      {open && referral.date > today() && (
        <View>
          <ErrorMessage error={cancel.error} />
          <BigButton testId='referral-cancel' kind='plain' loading={cancel.busy} onClick={confirmCancel}>
            取消预约
          </BigButton>
        </View>
      )}
    </View>
  )
}

/** Shown right after the resident booked: the moment to ask for WeChat messages about the referral (on their tap). */
function SubmittedCard() {
  return (
    <View className='card' data-testid='referral-submitted'>
      <View className='card__title'>转诊申请已提交</View>
      <View className='muted'>号源已为您保留。家庭医生审核后、就诊前后有变化时，可以用微信消息通知您。</View>
      <BigButton testId='referral-subscribe' kind='plain' onClick={() => askToSubscribe('referral')}>
        审核结果和就诊提醒微信通知我
      </BigButton>
    </View>
  )
}

export default function MyReferralsPage() {
  const referrals = useRequest(() => referralsApi.list(), [], { refreshOnShow: true })
  const { params } = useRouter()
  return (
    <Page title='我的转诊' testId='referral-mine'>
      {params.submitted === '1' && <SubmittedCard />}
      <BigButton testId='referral-new' onClick={() => go(ROUTES.referralBook)}>
        预约转诊
      </BigButton>
      <StateView state={referrals} isEmpty={(list) => list.length === 0} emptyText='还没有转诊记录'>
        {(list) => (
          <View>
            {list.map((r) => (
              <ReferralCard key={r.id} referral={r} onChanged={referrals.reload} />
            ))}
          </View>
        )}
      </StateView>
    </Page>
  )
}
