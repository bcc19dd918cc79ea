import { useState } from 'react'
import { View } from '@tarojs/components'
import {
  DECLARABLE_TAGS,
  KEY_GROUPS,
  PACKAGE_KIND_LABELS,
  PAYER_LABELS,
  formatYuan,
  keyGroupLabel,
  type KeyGroupTag,
  type PackageItem,
  type ServicePackage,
} from '@jiayi/domain'
import { staffApi } from '../../api/staff'
import type { StaffPackage } from '../../api/types'
import { BigButton, Field, TextArea } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { parseYuanText } from '../../format'
import { toast } from '../../navigation'
import { StaffGate } from '../StaffGate'

const PAYER_KEYS = ['insurance', 'publicHealth', 'selfPay'] as const
const TARGETS = KEY_GROUPS.map((g) => g.code).filter((code) => code === 'elderly65' || code === 'child0to6' || DECLARABLE_TAGS.includes(code))

/** An item as typed: amounts in 元 as text until saved. */
interface ItemDraft {
  name: string
  unitPrice: string
  count: string
  insurance: string
  publicHealth: string
  selfPay: string
}

const toDraft = (item: PackageItem): ItemDraft => ({
  name: item.name,
  unitPrice: formatYuan(item.unitPrice),
  count: String(item.count),
  insurance: formatYuan(item.insurance),
  publicHealth: formatYuan(item.publicHealth),
  selfPay: formatYuan(item.selfPay),
})
const EMPTY_ITEM: ItemDraft = { name: '', unitPrice: '0', count: '1', insurance: '0', publicHealth: '0', selfPay: '0' }

/** The items as the API takes them, or the first problem in plain words. */
function toItems(drafts: ItemDraft[]): { items?: PackageItem[]; problem?: string } {
  const items: PackageItem[] = []
  for (const [i, d] of drafts.entries()) {
    const amounts = [d.unitPrice, d.insurance, d.publicHealth, d.selfPay].map(parseYuanText)
    const count = Number(d.count)
    if (!d.name.trim()) return { problem: `第${i + 1}项：请填写项目名称` }
    if (amounts.some((a) => a === undefined)) return { problem: `第${i + 1}项：金额请填数字，最多两位小数` }
    if (!Number.isInteger(count) || count < 1) return { problem: `第${i + 1}项：次数须为正整数` }
    const [unitPrice, insurance, publicHealth, selfPay] = amounts as number[]
    if (insurance + publicHealth + selfPay !== unitPrice * count) return { problem: `第${i + 1}项：医保+公卫+个人 应等于 单价×次数` }
    items.push({ name: d.name.trim(), unitPrice, count, insurance, publicHealth, selfPay })
  }
  return { items }
}

function PackageForm({ existing, catalog, onDone, onCancel }: { existing?: StaffPackage; catalog: StaffPackage[]; onDone: () => void; onCancel: () => void }) {
  const [code, setCode] = useState(existing?.code ?? '')
  const [name, setName] = useState(existing?.name ?? '')
  const [kind, setKind] = useState<ServicePackage['kind']>(existing?.kind ?? 'personalised')
  const [description, setDescription] = useState(existing?.description ?? '')
  const [targetTags, setTargetTags] = useState<KeyGroupTag[]>(existing?.targetTags ?? [])
  const [includes, setIncludes] = useState<string[]>(existing?.includes ?? [])
  const [items, setItems] = useState<ItemDraft[]>(existing ? existing.items.map(toDraft) : [{ ...EMPTY_ITEM }])
  const [problem, setProblem] = useState<string>()
  const save = useAction(async (pkg: ServicePackage) => {
    if (existing) await staffApi.updatePackage(pkg)
    else await staffApi.createPackage(pkg)
    toast('已保存')
    onDone()
  })
  const submit = () => {
    const checked = toItems(items)
    setProblem(checked.problem)
    if (!checked.items) return
    save.run({
      code: code.trim(),
      name: name.trim(),
      kind,
      description,
      targetTags: kind === 'basic' ? [] : targetTags,
      includes,
      items: checked.items,
      ...(existing?.referenceCode ? { referenceCode: existing.referenceCode } : {}),
    })
  }
  const setItem = (i: number, change: Partial<ItemDraft>) => setItems(items.map((item, j) => (j === i ? { ...item, ...change } : item)))
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value])

  return (
    <View className='card' data-testid='package-form'>
      <View className='card__title'>{existing ? `修改：${existing.name}` : '新建服务包'}</View>
      {!existing && <Field label='编码（英文字母开头，保存后不能改）' testId='package-code' value={code} onInput={setCode} />}
      <Field label='名称' testId='package-name' value={name} onInput={setName} />
      <View className='field__label'>类型</View>
      <View className='filters'>
        {(['basic', 'personalised'] as const).map((k) => (
          <View key={k} className={`chip ${kind === k ? 'chip--on' : ''}`} data-testid={`package-kind-${k}`} onClick={() => setKind(k)}>
            {PACKAGE_KIND_LABELS[k]}
          </View>
        ))}
      </View>
      {kind === 'personalised' && (
        <View>
          <View className='field__label'>适用人群（居民属于其中之一才能选）</View>
          <View className='filters'>
            {TARGETS.map((tag) => (
              <View
                key={tag}
                className={`chip ${targetTags.includes(tag) ? 'chip--on' : ''}`}
                data-testid={`package-target-${tag}`}
                onClick={() => setTargetTags(toggle(targetTags, tag))}
              >
                {keyGroupLabel(tag)}
              </View>
            ))}
          </View>
        </View>
      )}
      <View className='field__label'>包含的其他服务包（只收一次）</View>
      <View className='filters'>
        {catalog
          .filter((p) => p.code !== code)
          .map((p) => (
            <View key={p.code} className={`chip ${includes.includes(p.code) ? 'chip--on' : ''}`} onClick={() => setIncludes(toggle(includes, p.code))}>
              {p.name}
            </View>
          ))}
      </View>
      <TextArea label='说明（居民会看到）' testId='package-description' value={description} onInput={setDescription} />
      <View className='field__label'>服务项目（每年，金额单位：元）</View>
      {items.map((item, i) => (
        <View className='card' key={i} data-testid='package-item'>
          <Field label={`第${i + 1}项 名称`} testId='item-name' value={item.name} onInput={(v) => setItem(i, { name: v })} />
          <View className='row'>
            <View style={{ flex: '1 1 120px' }}>
              <Field label='单价' testId='item-price' type='digit' value={item.unitPrice} onInput={(v) => setItem(i, { unitPrice: v })} />
            </View>
            <View style={{ flex: '1 1 80px' }}>
              <Field label='次数' testId='item-count' type='number' value={item.count} onInput={(v) => setItem(i, { count: v })} />
            </View>
            {PAYER_KEYS.map((payer) => (
              <View style={{ flex: '1 1 120px' }} key={payer}>
                <Field label={PAYER_LABELS[payer]} testId={`item-${payer}`} type='digit' value={item[payer]} onInput={(v) => setItem(i, { [payer]: v })} />
              </View>
            ))}
          </View>
          {items.length > 1 && (
            <BigButton testId='item-remove' kind='danger' small onClick={() => setItems(items.filter((_, j) => j !== i))}>
              删除这一项
            </BigButton>
          )}
        </View>
      ))}
      <BigButton testId='item-add' kind='plain' small onClick={() => setItems([...items, { ...EMPTY_ITEM }])}>
        ＋ 添加项目
      </BigButton>
      {problem && <View className='form-error'>{problem}</View>}
      <ErrorMessage error={save.error} />
      <View className='row'>
        <BigButton testId='package-save' small loading={save.busy} onClick={submit}>
          保存
        </BigButton>
        <BigButton testId='package-cancel' kind='plain' small onClick={onCancel}>
          取消
        </BigButton>
      </View>
    </View>
  )
}

function Packages() {
  const packages = useRequest(() => staffApi.packages(), [])
  const [editing, setEditing] = useState<StaffPackage | 'new'>()
  const done = () => {
    setEditing(undefined)
    packages.reload()
  }
  return (
    <StateView state={packages} isEmpty={isEmptyList} emptyText='本区域还没有服务包，点“新建服务包”添加。'>
      {(list) =>
        editing ? (
          <PackageForm existing={editing === 'new' ? undefined : editing} catalog={list} onDone={done} onCancel={() => setEditing(undefined)} />
        ) : (
          <View>
            <BigButton testId='package-new' small onClick={() => setEditing('new')}>
              ＋ 新建服务包
            </BigButton>
            <View className='grid' style={{ marginTop: '12px' }}>
              {list.map((p) => (
                <View className='card' key={p.code} data-testid='package-card'>
                  <View className='card__title'>{p.name}</View>
                  <View className='muted'>
                    {PACKAGE_KIND_LABELS[p.kind]} · 编码 {p.code}
                    {p.targetTags.length > 0 ? ` · 适用：${p.targetTags.map(keyGroupLabel).join('、')}` : ''}
                  </View>
                  <View className='card__row'>
                    <View>每年合计</View>
                    <View style={{ fontWeight: 700 }}>{formatYuan(p.totals.total)} 元</View>
                  </View>
                  <View className='muted'>
                    医保 {formatYuan(p.totals.insurance)} · 公卫 {formatYuan(p.totals.publicHealth)} · 个人 {formatYuan(p.totals.selfPay)}
                  </View>
                  <View className='muted'>
                    {p.items.length} 个服务项目{p.includes.length ? `，含 ${p.includes.length} 个其他服务包` : ''}
                  </View>
                  <BigButton testId='package-edit' kind='plain' small onClick={() => setEditing(p)}>
                    修改
                  </BigButton>
                </View>
              ))}
            </View>
          </View>
        )
      }
    </StateView>
  )
}

export default function StaffPackagesPage() {
  return (
    <StaffGate area='packages' title='服务包管理' testId='staff-packages'>
      {() => <Packages />}
    </StaffGate>
  )
}
