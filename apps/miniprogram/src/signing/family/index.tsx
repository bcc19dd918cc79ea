import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { needsGuardianConsent, type KeyGroupTag } from '@jiayi/domain'
import { meApi } from '../../api/me'
import { ApiError } from '../../api/client'
import { Page } from '../../components/Page'
import { BigButton, CheckItem, Field, OptionRow } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { DeclaredTagsPicker, IdNumberField, checkIdNumber, isPhoneNumber, sexAndAge, today } from '../../components/PersonFields'
import type { Person } from '../../api/types'
import { useAction, useRequest } from '../../hooks/useRequest'
import { RELATIONS, relationLabel, type Relation } from '../../labels'
import { back, toast } from '../../navigation'

/** Adds a family member, or edits `member` (the API needs the ID number typed again to change it). */
function MemberForm({ member, onDone, onCancel }: { member?: Person; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(member?.name ?? '')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const [relation, setRelation] = useState<Relation | ''>((member?.relation as Relation | undefined) ?? '')
  const [declaredTags, setDeclaredTags] = useState<KeyGroupTag[]>(member?.declaredTags ?? [])
  // A child already listed was added with the guardian's consent.
  const [guardianConsent, setGuardianConsent] = useState(!!member)
  const [attempted, setAttempted] = useState(false)

  const { parsed, message: idMessage } = checkIdNumber(idNumber)
  const child = !!parsed && needsGuardianConsent(parsed.birthDate, today())
  const problems = [
    !name.trim() && '请填写姓名',
    idMessage && '请核对身份证号',
    phone.trim() && !isPhoneNumber(phone) && '手机号应为11位',
    !relation && '请选择与您的关系',
    child && !guardianConsent && '14岁以下儿童需要监护人同意',
  ].filter(Boolean) as string[]

  const save = useAction(async () => {
    const input = {
      name: name.trim(),
      idNumber: parsed?.idNumber ?? idNumber.trim(),
      phone: phone.trim() || undefined,
      relation: relation as Relation,
      declaredTags,
      guardianConsent: child ? guardianConsent : undefined,
    }
    if (member) await meApi.updateFamilyMember(member.id, input)
    else await meApi.addFamilyMember(input)
    toast(member ? '已保存' : '已添加')
    onDone()
  })
  const serverError = save.error instanceof ApiError ? save.error : undefined

  return (
    <View className='card' id='family-form' data-testid='family-form'>
      <View className='card__title'>{member ? `修改家庭成员：${member.name}` : '添加家庭成员'}</View>
      {member && <View className='note'>为保护隐私，修改时请重新填写身份证号（已保存：{member.idNumberMasked}）。</View>}
      <Field
        label='姓名'
        testId='family-name'
        value={name}
        onInput={setName}
        error={serverError?.fieldMessage('name') ?? (attempted && !name.trim() ? '请填写姓名' : undefined)}
      />
      <IdNumberField testId='family-id' value={idNumber} onInput={setIdNumber} showRequired={attempted} serverError={serverError?.fieldMessage('idNumber')} />
      <Field
        label='手机号（可不填）'
        testId='family-phone'
        type='number'
        maxlength={11}
        value={phone}
        onInput={setPhone}
        error={phone && !isPhoneNumber(phone) ? '手机号应为11位' : undefined}
      />
      <View className='field__label'>与您的关系</View>
      <View className='row'>
        {RELATIONS.map((r) => (
          <View key={r} style={{ flex: '1 1 120px' }}>
            <OptionRow testId={`relation-${r}`} selected={relation === r} onClick={() => setRelation(r)}>
              <View className='option__title' style={{ textAlign: 'center' }}>
                {relationLabel(r)}
              </View>
            </OptionRow>
          </View>
        ))}
      </View>
      {child && (
        <View>
          <View className='note'>这位家人不满14岁。为孩子办理签约，需要您作为监护人同意。</View>
          <CheckItem testId='guardian-consent' checked={guardianConsent} onChange={setGuardianConsent}>
            我是孩子的监护人，同意为孩子办理签约并处理孩子的信息
          </CheckItem>
        </View>
      )}
      <DeclaredTagsPicker value={declaredTags} onChange={setDeclaredTags} testIdPrefix='family-tag' {...sexAndAge(idNumber, member)} />
      {attempted && problems.length > 0 && <View className='form-error'>{problems.join('；')}</View>}
      <ErrorMessage error={save.error} />
      <BigButton
        testId='family-save'
        loading={save.busy}
        onClick={() => {
          setAttempted(true)
          if (problems.length === 0) save.run()
        }}
      >
        {member ? '保存修改' : '保存家庭成员'}
      </BigButton>
      <BigButton testId='family-cancel' kind='plain' onClick={onCancel}>
        取消
      </BigButton>
    </View>
  )
}

export default function FamilyPage() {
  const members = useRequest(() => meApi.familyMembers(), [])
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<Person>()
  const remove = useAction(async (id: string) => {
    await meApi.removeFamilyMember(id)
    toast('已删除')
    members.reload()
  })

  // The form opens under the list: bring it into view, or a long list hides it below the fold.
  const startEditing = (member: Person) => {
    setAdding(false)
    setEditing(member)
    setTimeout(() => Taro.pageScrollTo({ selector: '#family-form', duration: 200 }).catch(() => undefined), 50)
  }

  const confirmRemove = async (id: string, name: string) => {
    const { confirm } = await Taro.showModal({
      title: '删除家庭成员',
      content: `确定删除“${name}”吗？删除后要签约需重新添加；已有的签约记录不受影响。`,
      confirmText: '删除',
      confirmColor: '#b00020',
    })
    if (confirm) remove.run(id)
  }

  return (
    <Page title='家庭成员' testId='family'>
      <View className='muted' style={{ marginBottom: '12px' }}>
        添加家人后，可以一起签约家庭医生。
      </View>
      <StateView state={members} isEmpty={isEmptyList} emptyText='还没有添加家庭成员'>
        {(list) =>
          list.map((m) => (
            <View className='card' key={m.id} data-testid='family-card'>
              <View className='card__row'>
                <View className='card__title'>{m.name}</View>
                <View className='tag'>{relationLabel(m.relation)}</View>
              </View>
              <View className='muted'>身份证号：{m.idNumberMasked}</View>
              <View className='muted'>{m.age}岁</View>
              <View className='row'>
                <BigButton testId='family-edit' kind='plain' small onClick={() => startEditing(m)}>
                  修改
                </BigButton>
                <BigButton testId='family-delete' kind='danger' small onClick={() => confirmRemove(m.id, m.name)}>
                  删除
                </BigButton>
              </View>
            </View>
          ))
        }
      </StateView>
      <ErrorMessage error={remove.error} />
      {editing ? (
        <MemberForm
          key={editing.id}
          member={editing}
          onCancel={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined)
            members.reload()
          }}
        />
      ) : adding ? (
        <MemberForm
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false)
            members.reload()
          }}
        />
      ) : (
        <View>
          <BigButton testId='family-add' kind={members.data?.length ? 'plain' : 'primary'} onClick={() => setAdding(true)}>
            ＋ 添加家庭成员
          </BigButton>
          {!!members.data?.length && (
            <BigButton testId='family-done' onClick={back}>
              完成，返回
            </BigButton>
          )}
        </View>
      )}
    </Page>
  )
}
