import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import {
  DECLARABLE_TAGS,
  derivedTags,
  isOfferedTo,
  quote,
  todayInChina,
  type Subsidy,
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
import type { StaffPackage } from '../../api/types'
import { parseYuanText } from '../../format'
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

/** A subsidy as typed: amounts in 元 as text, turned into whole 分 only when they are valid. */
interface SubsidyDraft {
  name: string
  minAge: string
  amount: string
  payers: { payer: string; amount: string }[]
}

const toSubsidyDraft = (s: Subsidy): SubsidyDraft => ({
  name: s.name,
  minAge: String(s.minAge),
  amount: formatYuan(s.amount),
  payers: s.payers.map((p) => ({ payer: p.payer, amount: formatYuan(p.amount) })),
})
const NEW_SUBSIDY: SubsidyDraft = { name: '', minAge: '65', amount: '', payers: [{ payer: '县级财政', amount: '' }] }

/** The subsidy in 分, or the first problem in plain words with the field it is about. */
function toSubsidy(d: SubsidyDraft): { subsidy?: Subsidy; problem?: { field: string; message: string } } {
  const problem = (field: string, message: string) => ({ problem: { field, message } })
  if (!d.name.trim()) return problem('name', '请填写补助名称，例如“65岁及以上老人签约补助”')
  const minAge = /^\d{1,3}$/.test(d.minAge.trim()) ? Number(d.minAge) : NaN
  if (!(minAge >= 0 && minAge <= 120)) return problem('minAge', '起始年龄请填0到120的整数')
  const amount = parseYuanText(d.amount)
  if (amount === undefined || amount <= 0) return problem('amount', '每人每年补助金额请填大于0的数字（元，最多两位小数）')
  if (d.payers.length === 0) return problem('payers', '请至少填一个承担方')
  const payers: Subsidy['payers'] = []
  for (const [i, p] of d.payers.entries()) {
    const part = parseYuanText(p.amount)
    if (!p.payer.trim()) return problem(`payers.${i}`, `第${i + 1}个承担方：请填写名称，例如“市级财政”`)
    if (part === undefined) return problem(`payers.${i}`, `第${i + 1}个承担方：金额请填数字（元，最多两位小数）`)
    payers.push({ payer: p.payer.trim(), amount: part })
  }
  const sum = payers.reduce((total, p) => total + p.amount, 0)
  if (sum !== amount) return problem('payers', `各承担方合计 ${formatYuan(sum)} 元，应等于补助金额 ${formatYuan(amount)} 元`)
  return { subsidy: { name: d.name.trim(), minAge, amount, payers } }
}

/**
 * What the subsidy does to one resident, priced by the domain's own quote: a resident exactly
 * `minAge` today signing the basic packages (and the personalised one their age allows) for a year.
 */
function subsidyExample(subsidy: Subsidy, others: Subsidy[], policy: RegionPolicy, catalog: StaffPackage[]): string | null {
  const today = todayInChina(new Date())
  const birthDate = `${Number(today.slice(0, 4)) - subsidy.minAge}${today.slice(4)}`
  const basic = catalog.filter((p) => p.kind === 'basic').map((p) => p.code)
  const ageTags = derivedTags(birthDate, today)
  const personalised = policy.maxPersonalisedPackages > 0 ? catalog.find((p) => p.kind === 'personalised' && isOfferedTo(p, ageTags)) : undefined
  const packageCodes = [...basic, ...(personalised ? [personalised.code] : [])]
  const price = (subsidies: Subsidy[]) => quote({ catalog, packageCodes, years: 1, birthDate, tags: [], on: today, policy: { ...policy, subsidies } })
  const without = price(others)
  const withIt = price([...others, subsidy])
  if (!without.ok || !withIt.ok) return null
  const before = without.value.totals.selfPay
  const after = withIt.value.totals.selfPay
  const names = catalog
    .filter((p) => packageCodes.includes(p.code))
    .map((p) => p.name)
    .join('、')
  return `例：一位今天刚满${subsidy.minAge}岁的居民签一年（${names}），个人自付由 ${formatYuan(before)} 元变为 ${formatYuan(after)} 元，少付 ${formatYuan(before - after)} 元。`
}

function SubsidyEditor({
  draft,
  index,
  others,
  policy,
  catalog,
  onChange,
  onRemove,
}: {
  draft: SubsidyDraft
  index: number
  /** The other subsidies as typed (the valid ones): the example prices with them, then with this one too. */
  others: Subsidy[]
  policy: RegionPolicy
  catalog: StaffPackage[]
  onChange: (d: SubsidyDraft) => void
  onRemove: () => void
}) {
  const checked = toSubsidy(draft)
  const error = (field: string) => (checked.problem?.field === field ? checked.problem.message : undefined)
  const setPayer = (i: number, change: Partial<SubsidyDraft['payers'][number]>) =>
    onChange({ ...draft, payers: draft.payers.map((p, j) => (j === i ? { ...p, ...change } : p)) })
  const subsidy = checked.subsidy
  const example = subsidy ? subsidyExample(subsidy, others, policy, catalog) : null
  return (
    <View className='card' data-testid='subsidy'>
      <View style={{ fontWeight: 700 }}>第{index + 1}项补助</View>
      <Field
        label='补助名称（居民的费用表上会显示）'
        testId='subsidy-name'
        value={draft.name}
        onInput={(name) => onChange({ ...draft, name })}
        error={error('name')}
      />
      <Field
        label='从几岁起（按签约开始那天的年龄）'
        testId='subsidy-min-age'
        type='number'
        value={draft.minAge}
        onInput={(minAge) => onChange({ ...draft, minAge })}
        error={error('minAge')}
      />
      <Field
        label='每人每年补助（元）'
        testId='subsidy-amount'
        type='digit'
        value={draft.amount}
        onInput={(amount) => onChange({ ...draft, amount })}
        error={error('amount')}
        hint={subsidy ? `按 ${subsidy.amount} 分保存` : undefined}
      />
      <View style={{ fontWeight: 700 }}>由谁承担（各方金额加起来等于补助金额）</View>
      {draft.payers.map((p, i) => (
        <View className='row' key={i} data-testid='subsidy-payer'>
          <Field label='承担方' testId='subsidy-payer-name' value={p.payer} onInput={(payer) => setPayer(i, { payer })} error={error(`payers.${i}`)} />
          <Field label='每人每年（元）' testId='subsidy-payer-amount' type='digit' value={p.amount} onInput={(amount) => setPayer(i, { amount })} />
          {draft.payers.length > 1 && (
            <BigButton testId='subsidy-payer-remove' kind='plain' small onClick={() => onChange({ ...draft, payers: draft.payers.filter((_, j) => j !== i) })}>
              删除承担方
            </BigButton>
          )}
        </View>
      ))}
      {error('payers') && (
        <View className='form-error' data-testid='subsidy-payers-error'>
          {error('payers')}
        </View>
      )}
      <BigButton testId='subsidy-payer-add' kind='plain' small onClick={() => onChange({ ...draft, payers: [...draft.payers, { payer: '', amount: '' }] })}>
        ＋ 添加承担方
      </BigButton>
      {subsidy && (
        <View className='note' data-testid='subsidy-effect'>
          <View>
            保存后，签约开始那天年满{subsidy.minAge}岁的居民，新签约和续约时每人每年少付最多 {formatYuan(subsidy.amount)} 元（签几年算几年），由
            {subsidy.payers.map((p) => `${p.payer} ${formatYuan(p.amount)} 元`).join('、')}承担。
          </View>
          <View>先算减免，再算补助；补助不超过本人应自付的部分，自付为0的居民不受影响。已签的合同费用不变。</View>
          {example && <View data-testid='subsidy-example'>{example}</View>}
        </View>
      )}
      <BigButton testId='subsidy-remove' kind='danger' small onClick={onRemove}>
        删除这项补助
      </BigButton>
    </View>
  )
}

function PolicyForm({ policy, catalog, onSaved }: { policy: RegionPolicy; catalog: StaffPackage[]; onSaved: (p: RegionPolicy) => void }) {
  const [capacity, setCapacity] = useState(String(policy.doctorCapacity))
  const [maxPersonalised, setMaxPersonalised] = useState(String(policy.maxPersonalisedPackages))
  const [windowDays, setWindowDays] = useState(String(policy.renewalWindowDays))
  const [waivers, setWaivers] = useState<Waiver[]>(policy.waivers)
  const [subsidies, setSubsidies] = useState<SubsidyDraft[]>(policy.subsidies.map(toSubsidyDraft))
  const [problem, setProblem] = useState<string>()
  const save = useAction(async (next: RegionPolicy) => {
    onSaved(await staffApi.updatePolicy(next))
    toast('政策已保存')
  })
  const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : NaN)
  const submit = () => {
    const checked = subsidies.map(toSubsidy)
    const bad = checked.findIndex((c) => !c.subsidy)
    setProblem(bad >= 0 ? `第${bad + 1}项补助：${checked[bad].problem!.message}` : undefined)
    if (bad >= 0) return
    save.run({
      ...policy,
      doctorCapacity: whole(capacity),
      maxPersonalisedPackages: whole(maxPersonalised),
      renewalWindowDays: whole(windowDays),
      waivers,
      subsidies: checked.map((c) => c.subsidy!),
    })
  }
  // The examples price with the other fields as saved, the waivers and the other subsidies as typed.
  const draftPolicy: RegionPolicy = { ...policy, waivers }
  const othersThan = (i: number) => subsidies.flatMap((d, j) => (j === i ? [] : (toSubsidy(d).subsidy ?? [])))
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
      <View className='section-title'>财政补助（按年龄）</View>
      <View className='muted'>按各级财政文件填写：到了年龄的居民，个人自付部分由财政补助抵扣。</View>
      {subsidies.length === 0 && <View className='muted'>没有按年龄的财政补助。</View>}
      {subsidies.map((d, i) => (
        <SubsidyEditor
          key={i}
          index={i}
          draft={d}
          others={othersThan(i)}
          policy={draftPolicy}
          catalog={catalog}
          onChange={(next) => {
            setSubsidies(subsidies.map((x, j) => (j === i ? next : x)))
            setProblem(undefined)
          }}
          onRemove={() => {
            setSubsidies(subsidies.filter((_, j) => j !== i))
            setProblem(undefined)
          }}
        />
      ))}
      <BigButton testId='subsidy-add' kind='plain' small onClick={() => setSubsidies([...subsidies, { ...NEW_SUBSIDY, payers: [...NEW_SUBSIDY.payers] }])}>
        ＋ 添加补助
      </BigButton>
      {problem && (
        <View className='form-error' data-testid='policy-problem'>
          {problem}
        </View>
      )}
      <ErrorMessage error={save.error} />
      <BigButton testId='policy-save' loading={save.busy} onClick={submit}>
        保存政策
      </BigButton>
      <View className='muted'>保存后新的签约和续约按新政策计价；已签的合同费用不变。</View>
    </View>
  )
}

async function loadPolicy() {
  const [policy, catalog] = await Promise.all([staffApi.policy(), staffApi.packages()])
  return { policy, catalog }
}

function Policy() {
  const policy = useRequest(loadPolicy, [])
  const [version, setVersion] = useState(0)
  useEffect(() => setVersion((v) => v + 1), [policy.data])
  return <StateView state={policy}>{({ policy: p, catalog }) => <PolicyForm key={version} policy={p} catalog={catalog} onSaved={policy.reload} />}</StateView>
}

export default function StaffPolicyPage() {
  return (
    <StaffGate area='policy' title='区域政策' testId='staff-policy'>
      {() => <Policy />}
    </StaffGate>
  )
}
