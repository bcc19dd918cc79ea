import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { prefilledAgeAnswer } from '@jiayi/domain'
import { staffApi } from '../../api/staff'
import type { Answer, CallOutcome, SampleMember } from '../../api/types'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { PhoneCall } from '../../components/PhoneCall'
import { QuestionForm } from '../../components/QuestionForm'
import { isPhoneNumber } from '../../components/PersonFields'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime, formatPercent } from '../../format'
import { toast } from '../../navigation'
import { StaffGate } from '../StaffGate'

const OUTCOMES: { code: CallOutcome; label: string }[] = [
  { code: 'connected', label: '接通' },
  { code: 'noAnswer', label: '无人接听' },
  { code: 'emptyNumber', label: '空号' },
  { code: 'wrongNumber', label: '错号' },
  { code: 'refused', label: '拒访' },
]
const outcomeLabel = (code: CallOutcome | null) => OUTCOMES.find((o) => o.code === code)?.label ?? '未拨打'

/** One resident being called: dial, record the outcome, then interview or correct the number. */
function Call({ waveId, member, onDone, onClose }: { waveId: string; member: SampleMember; onDone: () => void; onClose: () => void }) {
  const wave = useRequest(() => staffApi.waveQuestionnaire(waveId), [waveId])
  const [outcome, setOutcome] = useState<CallOutcome>()
  const [phone, setPhone] = useState('')
  const record = useAction(async (code: CallOutcome) => {
    await staffApi.recordCall(waveId, member.personId, code)
    setOutcome(code)
    if (code !== 'connected') onDone()
  })
  const correct = useAction(async () => {
    await staffApi.correctPhone(waveId, member.personId, phone.trim())
    toast('号码已更正')
    onDone()
    onClose()
  })
  const interview = useAction(async (answers: Answer[]) => {
    await staffApi.enterResponse(waveId, member.personId, 'phone', answers)
    toast('已保存回访')
    onDone()
    onClose()
  })

  return (
    <View className='card' data-testid='call-panel'>
      <View className='card__row'>
        <View className='card__title'>{member.name}</View>
        <BigButton testId='call-close' kind='plain' small onClick={onClose}>
          返回名单
        </BigButton>
      </View>
      <View className='muted'>
        {member.idNumberMasked}
        {member.age !== null ? ` · ${member.age}岁` : ''}
      </View>
      {member.phone ? <PhoneCall testId='call-dial' label='拨打' phone={member.phone} /> : <View className='form-error'>没有电话号码，请先更正号码</View>}

      <View className='section-title'>这次电话的结果</View>
      <View className='filters'>
        {OUTCOMES.map((o) => (
          <View key={o.code} className={`chip ${outcome === o.code ? 'chip--on' : ''}`} data-testid={`outcome-${o.code}`} onClick={() => record.run(o.code)}>
            {o.label}
          </View>
        ))}
      </View>
      <ErrorMessage error={record.error} />
      {outcome && outcome !== 'connected' && (
        <View className='note' data-testid='call-recorded'>
          已记录：{outcomeLabel(outcome)}。{outcome === 'noAnswer' ? '可以稍后再打。' : ''}
        </View>
      )}

      {(outcome === 'emptyNumber' || outcome === 'wrongNumber') && (
        <View data-testid='correct-phone'>
          <Field
            label='更正后的手机号（会同时改到居民资料里）'
            testId='correct-phone-input'
            type='number'
            maxlength={11}
            value={phone}
            onInput={setPhone}
            error={phone && !isPhoneNumber(phone) ? '请填写11位手机号' : undefined}
          />
          <ErrorMessage error={correct.error} />
          <BigButton testId='correct-phone-save' small disabled={!isPhoneNumber(phone)} loading={correct.busy} onClick={() => correct.run()}>
            保存号码
          </BigButton>
        </View>
      )}

      {outcome === 'connected' && (
        <StateView state={wave}>
          {(w) => {
            const age = prefilledAgeAnswer(w.questionnaire, member.age)
            return (
              <View>
                {age && <View className='muted'>年龄一题已按居民资料预先选好，可以向居民核实后修改。</View>}
                <QuestionForm
                  questionnaire={w.questionnaire}
                  initial={age ? [{ questionId: age.questionId, optionIds: [age.optionId] }] : []}
                  submitting={interview.busy}
                  error={interview.error}
                  submitLabel='保存回访结果'
                  onSubmit={(answers) => interview.run(answers)}
                />
              </View>
            )
          }}
        </StateView>
      )}
    </View>
  )
}

function Fieldwork({ waveId }: { waveId: string }) {
  const sample = useRequest(() => staffApi.sample(waveId), [waveId], { enabled: !!waveId })
  const progress = useRequest(() => staffApi.fieldwork(waveId), [waveId], { enabled: !!waveId })
  const [calling, setCalling] = useState<SampleMember>()
  const refresh = () => {
    sample.reload()
    progress.reload()
  }

  if (calling) return <Call waveId={waveId} member={calling} onDone={refresh} onClose={() => setCalling(undefined)} />
  return (
    <View>
      {progress.data && (
        <View className='tiles' data-testid='fieldwork-progress'>
          <View className='tile'>
            <View className='muted'>抽样</View>
            <View className='tile__count'>{progress.data.sampled}</View>
          </View>
          <View className='tile'>
            <View className='muted'>已拨打</View>
            <View className='tile__count'>{progress.data.called}</View>
          </View>
          <View className='tile'>
            <View className='muted'>接通率</View>
            <View className='tile__count'>{formatPercent(progress.data.reach.rate)}</View>
          </View>
          <View className='tile'>
            <View className='muted'>应答率</View>
            <View className='tile__count'>{formatPercent(progress.data.responseRate.rate)}</View>
          </View>
        </View>
      )}
      <StateView state={sample} isEmpty={isEmptyList} emptyText='这次调查没有抽样名单（新建调查时填写抽样人数才会抽样）。'>
        {(list) => (
          <View className='table' data-testid='call-list'>
            <View className='table__row table__row--head'>
              <View className='table__cell'>姓名</View>
              <View className='table__cell'>身份证号</View>
              <View className='table__cell'>电话</View>
              <View className='table__cell'>上次结果</View>
              <View className='table__cell' />
            </View>
            {list.map((m) => (
              <View className='table__row' key={m.personId} data-testid='call-row'>
                <View className='table__cell'>
                  {m.name}
                  {m.age !== null ? `（${m.age}岁）` : ''}
                </View>
                <View className='table__cell'>{m.idNumberMasked}</View>
                <View className='table__cell'>{m.phone ?? '无'}</View>
                <View className='table__cell'>
                  {m.responded ? '已完成回访' : outcomeLabel(m.lastOutcome)}
                  {m.lastCalledAt ? <View className='muted'>{formatDateTime(m.lastCalledAt)}</View> : null}
                </View>
                <View className='table__cell'>
                  {!m.responded && (
                    <BigButton testId='call-start' small onClick={() => setCalling(m)}>
                      打电话
                    </BigButton>
                  )}
                </View>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default function StaffFieldworkPage() {
  const { params } = useRouter()
  const title = params.title ? `${decodeURIComponent(params.title)} · 电话回访` : '电话回访'
  return (
    <StaffGate area='fieldwork' title={title} testId='staff-fieldwork'>
      {() => <Fieldwork waveId={params.id ?? ''} />}
    </StaffGate>
  )
}
