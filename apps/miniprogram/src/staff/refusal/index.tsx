import { useState } from 'react'
import { View } from '@tarojs/components'
import { staffApi } from '../../api/staff'
import { ApiError } from '../../api/client'
import { BigButton, Field, OptionRow, TextArea } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { IdNumberField, checkIdNumber, isPhoneNumber } from '../../components/PersonFields'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { StaffGate } from '../StaffGate'

function RefusalList({ version }: { version: number }) {
  const refusals = useRequest(() => staffApi.refusals(), [version])
  return (
    <View style={{ maxWidth: '640px' }}>
      <View className='section-title'>已登记的知情拒签</View>
      <StateView state={refusals} isEmpty={isEmptyList} emptyText='还没有登记知情拒签'>
        {(list) =>
          list.map((r) => (
            <View className='card' key={r.id} data-testid='refusal-card'>
              <View className='card__row'>
                <View className='card__title'>{r.name}</View>
                <View className='muted'>{formatDateTime(r.createdAt)}</View>
              </View>
              <View className='muted'>
                身份证号：{r.idNumberMasked}
                {r.phoneMasked ? ` · 手机：${r.phoneMasked}` : ''}
              </View>
              <View className='muted'>告知团队：{r.teamName}</View>
              <View>原因：{r.reason}</View>
            </View>
          ))
        }
      </StateView>
    </View>
  )
}

function RefusalForm({ defaultTeamId, onSaved }: { defaultTeamId?: string; onSaved: () => void }) {
  const teams = useRequest(() => staffApi.teams(), [])
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const [teamId, setTeamId] = useState(defaultTeamId ?? '')
  const [reason, setReason] = useState('')
  const [attempted, setAttempted] = useState(false)
  const [saved, setSaved] = useState('')

  const { parsed, message: idMessage } = checkIdNumber(idNumber)
  const ready = name.trim() && !idMessage && (!phone.trim() || isPhoneNumber(phone)) && teamId && reason.trim()
  const save = useAction(async () => {
    await staffApi.recordRefusal({
      name: name.trim(),
      idNumber: parsed?.idNumber ?? idNumber.trim(),
      phone: phone.trim() || undefined,
      teamId,
      reason: reason.trim(),
    })
    setSaved(name.trim())
    onSaved()
    setName('')
    setIdNumber('')
    setPhone('')
    setReason('')
    setAttempted(false)
  })
  const serverError = save.error instanceof ApiError ? save.error : undefined

  return (
    <View className='card' style={{ maxWidth: '640px' }}>
      {saved && (
        <View className='note' data-testid='refusal-saved'>
          已登记“{saved}”的知情拒签。
        </View>
      )}
      <Field label='居民姓名' testId='refusal-name' value={name} onInput={setName} error={attempted && !name.trim() ? '请填写姓名' : undefined} />
      <IdNumberField testId='refusal-id' value={idNumber} onInput={setIdNumber} showRequired={attempted} serverError={serverError?.fieldMessage('idNumber')} />
      <Field label='手机号（可不填）' testId='refusal-phone' type='number' maxlength={11} value={phone} onInput={setPhone} error={phone && !isPhoneNumber(phone) ? '手机号应为11位' : undefined} />
      <View className='field__label'>告知的医生团队</View>
      <StateView state={teams} isEmpty={isEmptyList} emptyText='没有可选的团队'>
        {(list) =>
          list.map((t) => (
            <OptionRow key={t.id} testId='refusal-team-option' selected={teamId === t.id} onClick={() => setTeamId(t.id)}>
              <View className='option__title'>{t.name}</View>
            </OptionRow>
          ))
        }
      </StateView>
      <TextArea label='不签约的原因' testId='refusal-reason' value={reason} onInput={setReason} placeholder='例如：已在其他地方签约、暂不需要' />
      <ErrorMessage error={save.error} />
      <BigButton
        testId='refusal-submit'
        loading={save.busy}
        onClick={() => {
          setAttempted(true)
          if (ready) save.run()
        }}
      >
        登记知情拒签
      </BigButton>
    </View>
  )
}

export default function StaffRefusalPage() {
  const [version, setVersion] = useState(0)
  return (
    <StaffGate area='refusal' title='知情拒签登记' testId='staff-refusal'>
      {(user) => (
        <View>
          <View className='muted' style={{ marginBottom: '12px' }}>居民已了解签约服务但明确不签约时登记，登记后不计为“未触达”。</View>
          <RefusalForm defaultTeamId={user.teamId} onSaved={() => setVersion((v) => v + 1)} />
          <RefusalList version={version} />
        </View>
      )}
    </StaffGate>
  )
}
