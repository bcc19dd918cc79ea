import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import {
  DECLARABLE_TAGS,
  PACKAGE_KIND_LABELS,
  PAYER_LABELS,
  formatYuan,
  keyGroupLabel,
  type KeyGroupTag,
  type PackageKind,
  type Payer,
  type RegionPolicy,
  type Waiver,
} from '@jiayi/domain'
import { staffApi } from '../../api/staff'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { toast } from '../../navigation'
import { StaffGate } from '../StaffGate'

const KINDS: PackageKind[] = ['basic', 'personalised']
const TO_PAYERS: Payer[] = ['fiscal', 'publicHealth', 'insurance']

const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value])

/** One waiver: for residents in these groups, these kinds of package, the own share moves to another payer. */
function WaiverEditor({ waiver, onChange, onRemove }: { waiver: Waiver; onChange: (w: Waiver) => void; onRemove: () => void }) {
  return (
    <View className='card' data-testid='waiver'>
      <View style={{ fontWeight: 700 }}>哪些人群</View>
      <View className='filters'>
        {DECLARABLE_TAGS.map((tag) => (
          <View
            key={tag}
            className={`chip ${waiver.tags.includes(tag) ? 'chip--on' : ''}`}
            onClick={() => onChange({ ...waiver, tags: toggle(waiver.tags, tag as KeyGroupTag) })}
          >
            {keyGroupLabel(tag)}
          </View>
        ))}
      </View>
      <View style={{ fontWeight: 700 }}>减免哪类服务包的个人自付</View>
      <View className='filters'>
        {KINDS.map((kind) => (
          <View
            key={kind}
            className={`chip ${waiver.packageKinds.includes(kind) ? 'chip--on' : ''}`}
            onClick={() => onChange({ ...waiver, packageKinds: toggle(waiver.packageKinds, kind) })}
          >
            {PACKAGE_KIND_LABELS[kind]}
          </View>
        ))}
      </View>
      <View style={{ fontWeight: 700 }}>由谁承担</View>
      <View className='filters'>
        {TO_PAYERS.map((payer) => (
          <View key={payer} className={`chip ${waiver.toPayer === payer ? 'chip--on' : ''}`} onClick={() => onChange({ ...waiver, toPayer: payer })}>
            {PAYER_LABELS[payer]}
          </View>
        ))}
      </View>
      <View className='muted'>
        {waiver.tags.map(keyGroupLabel).join('、') || '（未选人群）'}签约{waiver.packageKinds.map((k) => PACKAGE_KIND_LABELS[k]).join('、') || '（未选服务包）'}
        时，个人自付部分改由
        {PAYER_LABELS[waiver.toPayer]}承担。
      </View>
      <BigButton testId='waiver-remove' kind='danger' small onClick={onRemove}>
        删除这条减免
      </BigButton>
    </View>
  )
}

function PolicyForm({ policy, onSaved }: { policy: RegionPolicy; onSaved: (p: RegionPolicy) => void }) {
  const [capacity, setCapacity] = useState(String(policy.doctorCapacity))
  const [maxPersonalised, setMaxPersonalised] = useState(String(policy.maxPersonalisedPackages))
  const [windowDays, setWindowDays] = useState(String(policy.renewalWindowDays))
  const [waivers, setWaivers] = useState<Waiver[]>(policy.waivers)
  const save = useAction(async (next: RegionPolicy) => {
    onSaved(await staffApi.updatePolicy(next))
    toast('政策已保存')
  })
  const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : NaN)
  const submit = () => {
    save.run({
      doctorCapacity: whole(capacity),
      maxPersonalisedPackages: whole(maxPersonalised),
      renewalWindowDays: whole(windowDays),
      waivers,
      subsidies: policy.subsidies,
    })
  }
  return (
    <View data-testid='policy-form'>
      <View className='card'>
        <Field
          label='每位家庭医生签约上限（人）'
          testId='policy-capacity'
          type='number'
          value={capacity}
          onInput={setCapacity}
          hint='名额满了居民就不能再选这位医生。'
        />
        <Field label='每人最多选几个个性化服务包' testId='policy-max-personalised' type='number' value={maxPersonalised} onInput={setMaxPersonalised} />
        <Field
          label='到期前多少天可以续约'
          testId='policy-renewal-window'
          type='number'
          value={windowDays}
          onInput={setWindowDays}
          hint='居民在这之前看到“续约将于…开放”。'
        />
      </View>
      <View className='section-title'>个人自付减免</View>
      {waivers.length === 0 && <View className='muted'>没有减免政策。</View>}
      {waivers.map((w, i) => (
        <WaiverEditor
          key={i}
          waiver={w}
          onChange={(next) => setWaivers(waivers.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setWaivers(waivers.filter((_, j) => j !== i))}
        />
      ))}
      <BigButton testId='waiver-add' kind='plain' small onClick={() => setWaivers([...waivers, { tags: [], packageKinds: ['basic'], toPayer: 'fiscal' }])}>
        ＋ 添加减免
      </BigButton>
      <View className='section-title'>财政补助</View>
      {policy.subsidies.length === 0 && <View className='muted'>没有按年龄的财政补助。</View>}
      {policy.subsidies.map((s) => (
        <View className='card' key={s.name} data-testid='subsidy'>
          <View style={{ fontWeight: 700 }}>
            {s.name}：{s.minAge}岁起每人每年 {formatYuan(s.amount)} 元
          </View>
          <View className='muted'>由 {s.payers.map((p) => `${p.payer} ${formatYuan(p.amount)} 元`).join('、')} 承担。</View>
        </View>
      ))}
      <View className='muted'>补助由各级财政文件确定，在这里只显示；调整请联系系统管理员。</View>
      <ErrorMessage error={save.error} />
      <BigButton testId='policy-save' loading={save.busy} onClick={submit}>
        保存政策
      </BigButton>
      <View className='muted'>保存后新的签约和续约按新政策计价；已签的合同费用不变。</View>
    </View>
  )
}

function Policy() {
  const policy = useRequest(() => staffApi.policy(), [])
  const [version, setVersion] = useState(0)
  useEffect(() => setVersion((v) => v + 1), [policy.data])
  return <StateView state={policy}>{(p) => <PolicyForm key={version} policy={p} onSaved={policy.reload} />}</StateView>
}

export default function StaffPolicyPage() {
  return (
    <StaffGate area='policy' title='区域政策' testId='staff-policy'>
      {() => <Policy />}
    </StaffGate>
  )
}
