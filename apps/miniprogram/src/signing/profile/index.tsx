import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { meApi } from '../../api/me'
import { catalogApi } from '../../api/catalog'
import { ApiError } from '../../api/client'
import type { KeyGroupTag } from '@jiayi/domain'
import type { Me } from '../../api/types'
import { Page } from '../../components/Page'
import { PhoneQuickFill } from '../../components/PhoneQuickFill'
import { BigButton, Field, OptionRow } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { DeclaredTagsPicker, IdNumberField, checkIdNumber, isPhoneNumber, sexAndAge } from '../../components/PersonFields'
import { useAction, useRequest } from '../../hooks/useRequest'
import { PRIVACY_POLICY_VERSION, hasCurrentConsent } from '../../consent'
import { ROUTES } from '../../routes'
import { back, replace, toast } from '../../navigation'

export default function ProfilePage() {
  const me = useRequest(() => meApi.get(), [])
  const communities = useRequest(() => catalogApi.communities(), [])
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const [communityId, setCommunityId] = useState('')
  const [declaredTags, setDeclaredTags] = useState<KeyGroupTag[]>([])
  const [attempted, setAttempted] = useState(false)

  useEffect(() => {
    const person = me.data?.person
    if (!person) return
    setName(person.name)
    setCommunityId(person.communityId ?? '')
    setDeclaredTags(person.declaredTags)
  }, [me.data])

  useEffect(() => {
    if (me.data && !hasCurrentConsent(me.data)) replace(ROUTES.privacy)
  }, [me.data])

  const save = useAction(async (current: Me) => {
    const person = await meApi.saveProfile({
      name: name.trim(),
      idNumber: checkIdNumber(idNumber).parsed?.idNumber ?? idNumber.trim(),
      phone: phone.trim(),
      communityId,
      declaredTags,
      privacyPolicyVersion: PRIVACY_POLICY_VERSION,
      sensitiveConsent: true,
    })
    toast('资料已保存')
    if (current.person) back()
    else replace(ROUTES.people)
    return person
  })

  const problems = [
    !name.trim() && '请填写姓名',
    !!checkIdNumber(idNumber).message && '请核对身份证号',
    !isPhoneNumber(phone) && '请填写11位手机号',
    !communityId && '请选择您居住的村或社区',
  ].filter(Boolean) as string[]
  const serverError = save.error instanceof ApiError ? save.error : undefined

  const submit = (current: Me) => {
    setAttempted(true)
    if (problems.length === 0) save.run(current)
  }

  return (
    <Page
      title='个人资料'
      testId='profile'
      bottom={
        me.data && (
          <View>
            {attempted && problems.length > 0 && <View className='form-error'>{problems.join('；')}</View>}
            <ErrorMessage error={save.error} />
            <BigButton testId='profile-save' loading={save.busy} onClick={() => submit(me.data!)}>
              保存
            </BigButton>
          </View>
        )
      }
    >
      <StateView state={me}>
        {(current) => (
          <View>
            {current.person && <View className='note'>为保护您的隐私，修改资料时请重新填写身份证号（已保存：{current.person.idNumberMasked}）。</View>}
            <Field
              label='姓名'
              testId='profile-name'
              value={name}
              onInput={setName}
              placeholder='您的姓名'
              error={serverError?.fieldMessage('name') ?? (attempted && !name.trim() ? '请填写姓名' : undefined)}
            />
            <IdNumberField
              testId='profile-id'
              value={idNumber}
              onInput={setIdNumber}
              showRequired={attempted}
              serverError={serverError?.fieldMessage('idNumber')}
            />
            <PhoneQuickFill onPhone={setPhone} />
            <Field
              label='手机号'
              testId='profile-phone'
              type='number'
              maxlength={11}
              value={phone}
              onInput={setPhone}
              placeholder='11位手机号'
              error={serverError?.fieldMessage('phone') ?? ((phone || attempted) && !isPhoneNumber(phone) ? '请填写11位手机号' : undefined)}
            />

            <View className='field__label'>居住的村/社区</View>
            <View data-testid='profile-community'>
              <StateView state={communities} isEmpty={isEmptyList} emptyText='暂无可选的村或社区'>
                {(list) =>
                  list.map((c) => (
                    <OptionRow key={c.id} testId='community-option' selected={c.id === communityId} onClick={() => setCommunityId(c.id)}>
                      <View className='option__title'>{c.name}</View>
                      <View className='muted'>{c.institutionName}</View>
                    </OptionRow>
                  ))
                }
              </StateView>
            </View>
            {attempted && !communityId && <View className='field__error'>请选择您居住的村或社区</View>}

            <DeclaredTagsPicker value={declaredTags} onChange={setDeclaredTags} {...sexAndAge(idNumber, current.person)} />
          </View>
        )}
      </StateView>
    </Page>
  )
}
