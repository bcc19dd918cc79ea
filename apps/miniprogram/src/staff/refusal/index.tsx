import { useState } from 'react'
import { Image, View } from '@tarojs/components'
import { NON_SIGNING_CATEGORIES, NON_SIGNING_CATEGORY_LABELS, type NonSigningCategory } from '@jiayi/domain'
import { staffApi } from '../../api/staff'
import { fieldworkApi } from '../../api/services'
import { ApiError } from '../../api/client'
import { takePhotoDataUrl } from '../../components/photo'
import type { SigningRefusal } from '../../api/types'
import { BigButton, Field, OptionRow, TextArea } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { IdNumberField, checkIdNumber, isPhoneNumber } from '../../components/PersonFields'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { StaffGate } from '../StaffGate'

function CategoryPicker({ value, onChange, testId }: { value: NonSigningCategory; onChange: (c: NonSigningCategory) => void; testId: string }) {
  return (
    <View className='row'>
      {NON_SIGNING_CATEGORIES.map((c) => (
        <View key={c} style={{ flex: '1 1 110px' }}>
          <OptionRow testId={`${testId}-${c}`} selected={value === c} onClick={() => onChange(c)}>
            {NON_SIGNING_CATEGORY_LABELS[c]}
          </OptionRow>
        </View>
      ))}
    </View>
  )
}

/** Changes why a resident is not signed (e.g. 失联 found to have moved away). */
function EditCategory({ refusal, onSaved }: { refusal: SigningRefusal; onSaved: () => void }) {
  const [category, setCategory] = useState<NonSigningCategory>(refusal.category ?? 'refused')
  const [reason, setReason] = useState(refusal.reason)
  const save = useAction(async () => {
    await fieldworkApi.updateNonSigning(refusal.id, { category, reason: reason.trim() })
    onSaved()
  })
  return (
    <View>
      <CategoryPicker testId='refusal-edit-category' value={category} onChange={setCategory} />
      <Field label='说明' testId='refusal-edit-reason' value={reason} onInput={setReason} />
      <ErrorMessage error={save.error} />
      <BigButton testId='refusal-edit-save' small disabled={!reason.trim()} loading={save.busy} onClick={() => save.run()}>
        保存修改
      </BigButton>
    </View>
  )
}

function RefusalList({ version }: { version: number }) {
  const [changed, setChanged] = useState(0)
  const [editing, setEditing] = useState('')
  const refusals = useRequest(() => staffApi.refusals(), [version, changed])
  return (
    <View style={{ maxWidth: '640px' }}>
      <View className='section-title'>已登记的未签约居民</View>
      <StateView state={refusals} isEmpty={isEmptyList} emptyText='还没有登记未签约居民'>
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
              <View>
                {r.categoryLabel ?? '拒签'}：{r.reason}
                {r.category === 'refused' && !r.hasNoticePhoto ? '（缺知情告知书照片）' : ''}
              </View>
              {editing === r.id ? (
                <EditCategory
                  refusal={r}
                  onSaved={() => {
                    setEditing('')
                    setChanged((n) => n + 1)
                  }}
                />
              ) : (
                <View className='link' data-testid='refusal-edit' onClick={() => setEditing(r.id)}>
                  修改类别
                </View>
              )}
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
  const [category, setCategory] = useState<NonSigningCategory>('refused')
  const [noticePhoto, setNoticePhoto] = useState('')
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
      category,
      noticePhoto: category === 'refused' && noticePhoto ? noticePhoto : undefined,
    })
    setSaved(`${name.trim()}（${NON_SIGNING_CATEGORY_LABELS[category]}）`)
    onSaved()
    setName('')
    setIdNumber('')
    setPhone('')
    setReason('')
    setNoticePhoto('')
    setAttempted(false)
  })
  const serverError = save.error instanceof ApiError ? save.error : undefined
  const photo = useAction(async () => {
    const taken = await takePhotoDataUrl()
    if (taken) setNoticePhoto(taken)
  })

  return (
    <View className='card' style={{ maxWidth: '640px' }}>
      {saved && (
        <View className='note' data-testid='refusal-saved'>
          已登记：{saved}。
        </View>
      )}
      <Field label='居民姓名' testId='refusal-name' value={name} onInput={setName} error={attempted && !name.trim() ? '请填写姓名' : undefined} />
      <IdNumberField testId='refusal-id' value={idNumber} onInput={setIdNumber} showRequired={attempted} serverError={serverError?.fieldMessage('idNumber')} />
      <Field
        label='手机号（可不填）'
        testId='refusal-phone'
        type='number'
        maxlength={11}
        value={phone}
        onInput={setPhone}
        error={phone && !isPhoneNumber(phone) ? '手机号应为11位' : undefined}
      />
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
      <View className='field__label'>未签约类别</View>
      <CategoryPicker testId='refusal-category' value={category} onChange={setCategory} />
      {category === 'refused' && (
        <View>
          <BigButton testId='refusal-photo' kind='plain' loading={photo.busy} onClick={() => photo.run()}>
            {noticePhoto ? '重新拍摄知情告知书' : '拍摄居民签字的知情告知书'}
          </BigButton>
          <ErrorMessage error={photo.error} />
          {noticePhoto && <Image src={noticePhoto} mode='widthFix' style={{ width: '200px' }} data-testid='refusal-photo-preview' />}
        </View>
      )}
      <TextArea
        label='说明'
        testId='refusal-reason'
        value={reason}
        onInput={setReason}
        placeholder='例如：已在其他地方签约、暂不需要；或：2026年10月迁往外省'
      />
      <ErrorMessage error={save.error} />
      <BigButton
        testId='refusal-submit'
        loading={save.busy}
        onClick={() => {
          setAttempted(true)
          if (ready) save.run()
        }}
      >
        登记{NON_SIGNING_CATEGORY_LABELS[category]}
      </BigButton>
    </View>
  )
}

export default function StaffRefusalPage() {
  const [version, setVersion] = useState(0)
  return (
    <StaffGate area='refusal' title='未签约登记' testId='staff-refusal'>
      {(user) => (
        <View>
          <View className='muted' style={{ marginBottom: '12px' }}>
            居民拒签（附知情告知书）、失联、入狱、死亡或外出/迁出时登记，登记后不计入“应签未签”。
          </View>
          <RefusalForm defaultTeamId={user.teamId} onSaved={() => setVersion((v) => v + 1)} />
          <RefusalList version={version} />
        </View>
      )}
    </StaffGate>
  )
}
