import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ServiceInput, ServiceRecordView } from '@jiayi/contract'
import { SERVICE_CHANNEL_LABELS, SERVICE_CHANNELS, SERVICE_TYPE_LABELS, SERVICE_TYPES, checkMeasurements, type Measurements } from '@jiayi/domain'
import { ApiError } from '../../api/client'
import { fieldworkApi } from '../../api/services'
import { BigButton, Field, OptionRow, TextArea } from '../../components/Form'
import { today } from '../../components/PersonFields'
import { SignaturePad } from '../../components/SignaturePad'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { ROUTES, withQuery } from '../../routes'
import { backTo, toast } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'

type Readings = Record<keyof Measurements, string>
const READINGS: { key: keyof Measurements; label: string; unit: string }[] = [
  { key: 'systolic', label: '收缩压（高压）', unit: 'mmHg' },
  { key: 'diastolic', label: '舒张压（低压）', unit: 'mmHg' },
  { key: 'fastingGlucose', label: '空腹血糖', unit: 'mmol/L' },
  { key: 'weightKg', label: '体重', unit: 'kg' },
]

function toMeasurements(readings: Readings): Measurements {
  const m: Measurements = {}
  for (const { key } of READINGS) if (readings[key].trim()) m[key] = Number(readings[key])
  return m
}

function fromService(service?: ServiceRecordView): Readings {
  const m = service?.measurements ?? {}
  return Object.fromEntries(READINGS.map(({ key }) => [key, m[key] === undefined ? '' : String(m[key])])) as Readings
}

function ServiceForm({
  personId,
  contractId,
  planItemId,
  initialType,
  previous,
}: {
  personId: string
  contractId?: string
  planItemId?: string
  initialType?: ServiceInput['type']
  previous?: ServiceRecordView
}) {
  const [type, setType] = useState<ServiceInput['type']>(previous?.type ?? initialType ?? 'followUp')
  const [date, setDate] = useState(previous?.serviceDate ?? today())
  const [channel, setChannel] = useState<ServiceInput['channel']>(previous?.channel ?? 'home')
  const [readings, setReadings] = useState<Readings>(fromService(previous))
  const [note, setNote] = useState(previous?.note ?? '')
  const [reason, setReason] = useState('')
  const [signature, setSignature] = useState('')
  const measurements = toMeasurements(readings)
  const checked = checkMeasurements(measurements)
  const localError = (key: keyof Measurements) => (!checked.ok && checked.field === `measurements.${key}` ? checked.message : undefined)

  const save = useAction(async () => {
    const fields = {
      type,
      date: date.trim(),
      channel,
      note: note.trim() || undefined,
      planItemId: previous?.planItemId ?? planItemId,
      measurements: Object.keys(measurements).length ? measurements : undefined,
    }
    if (previous) await fieldworkApi.correctService(previous.id, { ...fields, planItemId: fields.planItemId ?? undefined, reason: reason.trim() })
    else await fieldworkApi.recordService({ ...fields, contractId, personId: contractId ? undefined : personId, residentSignature: signature || undefined })
    toast(previous ? '已保存更正' : '已记录服务')
    backTo(withQuery(ROUTES.fieldworkResident, { personId }))
  })
  const serverError = save.error instanceof ApiError ? save.error : undefined
  const ready = checked.ok && /^\d{4}-\d{2}-\d{2}$/.test(date.trim()) && (!previous || reason.trim())

  return (
    <View style={{ maxWidth: '720px' }}>
      {previous && <View className='note'>更正会保留原记录，并记下更正人和原因。</View>}
      <View className='field__label'>服务类型</View>
      <View className='row'>
        {SERVICE_TYPES.map((t) => (
          <View key={t} style={{ flex: '1 1 140px' }}>
            <OptionRow testId={`record-type-${t}`} selected={type === t} onClick={() => setType(t)}>
              {SERVICE_TYPE_LABELS[t]}
            </OptionRow>
          </View>
        ))}
      </View>
      <Field label='服务日期（年-月-日）' testId='record-date' value={date} onInput={setDate} error={serverError?.fieldMessage('date')} />
      <View className='field__label'>服务方式</View>
      <View className='row'>
        {SERVICE_CHANNELS.map((c) => (
          <View key={c} style={{ flex: '1 1 120px' }}>
            <OptionRow testId={`record-channel-${c}`} selected={channel === c} onClick={() => setChannel(c)}>
              {SERVICE_CHANNEL_LABELS[c]}
            </OptionRow>
          </View>
        ))}
      </View>
      <View className='section-title'>测量结果（没有测量可不填）</View>
      <View className='row'>
        {READINGS.map(({ key, label, unit }) => (
          <View key={key} style={{ flex: '1 1 200px' }}>
            <Field
              label={`${label}（${unit}）`}
              testId={`record-${key}`}
              type='digit'
              maxlength={6}
              value={readings[key]}
              onInput={(value) => setReadings({ ...readings, [key]: value })}
              error={serverError?.fieldMessage(`measurements.${key}`) ?? localError(key)}
            />
          </View>
        ))}
      </View>
      <TextArea label='备注（可不填）' testId='record-note' value={note} onInput={setNote} placeholder='例如：头晕已缓解，嘱按时服药' />
      {previous ? (
        <Field label='更正原因' testId='record-reason' value={reason} onInput={setReason} error={serverError?.fieldMessage('reason')} />
      ) : (
        <SignaturePad testId='record-signature' label='居民确认签名（可不签，居民也可以稍后在小程序中确认）' onChange={setSignature} />
      )}
      <ErrorMessage error={save.error} testId='record-error' />
      <BigButton testId='record-submit' loading={save.busy} disabled={!ready} onClick={() => save.run()}>
        {previous ? '保存更正' : '保存服务记录'}
      </BigButton>
    </View>
  )
}

/** Route parameters arrive still percent-encoded in H5 (a plan item id holds ':'). */
function decoded(params: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === undefined ? v : decodeURIComponent(v)]))
}

export default function RecordServicePage() {
  const params = decoded(useRouter().params)
  const personId = params.personId ?? ''
  const record = useRequest(() => fieldworkApi.residentRecord(personId), [personId], { enabled: !!personId && !!params.correct })
  const [title, setTitle] = useState('记录服务')
  useEffect(() => setTitle(params.correct ? '更正服务记录' : '记录服务'), [params.correct])
  return (
    <StaffGate area='fieldwork' title={title} testId='record-service'>
      {() =>
        params.correct ? (
          <StateView state={record}>{(r) => <ServiceForm personId={personId} previous={r.services.find((s) => s.id === params.correct)} />}</StateView>
        ) : (
          <ServiceForm
            personId={personId}
            contractId={params.contractId}
            planItemId={params.planItemId}
            initialType={params.type as ServiceInput['type'] | undefined}
          />
        )
      }
    </StaffGate>
  )
}
