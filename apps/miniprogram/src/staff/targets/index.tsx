import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { indicatorsApi, type IndicatorTargetList } from '../../api/indicators'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { StaffGate } from '../StaffGate'
import '../charts/dashboard.css'

type Draft = Record<string, { target: string; points: string; scoring: 'threshold' | 'proportional' }>

function percentText(code: string, target: number): string {
  return code === 'saturation' ? String(target) : String(Math.round(target * 10000) / 100)
}

function TargetsForm({ list, onSaved }: { list: IndicatorTargetList; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(
    Object.fromEntries(list.items.map((i) => [i.code, { target: percentText(i.code, i.target), points: String(i.points), scoring: i.scoring }])),
  )
  const total = Object.values(draft).reduce((sum, d) => sum + (Number(d.points) || 0), 0)
  const save = useAction(async () => {
    await indicatorsApi.saveTargets({
      targets: list.items.map((i) => ({
        code: i.code,
        target: i.code === 'saturation' ? Number(draft[i.code].target) : Number(draft[i.code].target) / 100,
        points: Number(draft[i.code].points),
        scoring: draft[i.code].scoring,
      })),
    })
    Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved()
  })
  const set = (code: string, change: Partial<Draft[string]>) => setDraft({ ...draft, [code]: { ...draft[code], ...change } })
  return (
    <View>
      <View className='note' data-testid='targets-total'>
        满分合计：{Math.round(total * 100) / 100} 分（按比例计分：得分 = 分值 × 完成率 ÷ 目标，最多满分；达标计分：达标得满分，否则 0 分）
      </View>
      {list.items.map((i) => (
        <View className='card' key={i.code} data-testid={`target-${i.code}`}>
          <View className='card__title'>{i.name}</View>
          <View className='pop__groups'>
            <Field
              label={i.code === 'saturation' ? '目标（不高于）' : '目标（%）'}
              type='digit'
              value={draft[i.code].target}
              onInput={(v) => set(i.code, { target: v })}
              testId={`target-${i.code}-target`}
            />
            <Field label='分值' type='digit' value={draft[i.code].points} onInput={(v) => set(i.code, { points: v })} testId={`target-${i.code}-points`} />
          </View>
          <View className='chips'>
            {(['proportional', 'threshold'] as const).map((s) => (
              <View key={s} className={`chip ${draft[i.code].scoring === s ? 'chip--on' : ''}`} onClick={() => set(i.code, { scoring: s })}>
                {s === 'proportional' ? '按比例计分' : '达标计分'}
              </View>
            ))}
          </View>
          <View className='muted'>
            默认：目标 {percentText(i.code, i.defaults.target)}
            {i.code === 'saturation' ? '' : '%'}，{i.defaults.points} 分
          </View>
        </View>
      ))}
      <ErrorMessage error={save.error} />
      <BigButton testId='targets-save' loading={save.busy} onClick={() => save.run()}>
        保存考核目标
      </BigButton>
    </View>
  )
}

export default function StaffTargetsPage() {
  const list = useRequest(() => indicatorsApi.targets(), [])
  return (
    <StaffGate area='targets' title='考核目标设置' testId='staff-targets'>
      {() => <StateView state={list}>{(l) => <TargetsForm key={JSON.stringify(l.items)} list={l} onSaved={list.reload} />}</StateView>}
    </StaffGate>
  )
}
