import { useState } from 'react'
import { View } from '@tarojs/components'
import { addDays, isCalendarDate } from '@jiayi/domain'
import { staffApi } from '../../api/staff'
import type { ScopeType } from '../../api/types'
import { BigButton, Field, OptionRow } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { today } from '../../components/PersonFields'
import { useAction, useRequest } from '../../hooks/useRequest'
import type { SessionUser } from '../../session'
import { ROUTES } from '../../routes'
import { replace, toast } from '../../navigation'
import { StaffGate } from '../StaffGate'

const SCOPES: { type: ScopeType; label: string }[] = [
  { type: 'institution', label: '本机构' },
  { type: 'team', label: '某个团队' },
  { type: 'region', label: '全区域' },
]

function defaultScopeId(user: SessionUser, type: ScopeType): string {
  if (type === 'institution') return user.institutionId ?? ''
  if (type === 'team') return user.teamId ?? ''
  return user.regionId ?? ''
}

/** The scopes the account can name without typing an id: its region, its institution, one of its teams. */
function scopesFor(user: SessionUser): typeof SCOPES {
  return SCOPES.filter((s) => s.type === 'team' || !!defaultScopeId(user, s.type))
}

function WaveForm({ user }: { user: SessionUser }) {
  const questionnaires = useRequest(() => staffApi.questionnaires(), [])
  const [questionnaireId, setQuestionnaireId] = useState('')
  const [title, setTitle] = useState('')
  const [scopeType, setScopeType] = useState<ScopeType>(user.role === 'regionAdmin' && user.regionId ? 'region' : user.institutionId ? 'institution' : 'team')
  const [scopeId, setScopeId] = useState(defaultScopeId(user, scopeType))
  const [opensOn, setOpensOn] = useState(today())
  const [closesOn, setClosesOn] = useState(addDays(today(), 30))
  const [sampleSize, setSampleSize] = useState('')
  const teams = useRequest(() => staffApi.teams(), [], { enabled: scopeType === 'team' })

  const datesOk = isCalendarDate(opensOn) && isCalendarDate(closesOn) && opensOn <= closesOn
  const ready = questionnaireId && title.trim() && scopeId && datesOk
  const create = useAction(async () => {
    await staffApi.createWave({
      questionnaireId,
      title: title.trim(),
      scopeType,
      scopeId,
      opensAt: `${opensOn}T00:00:00+08:00`,
      closesAt: `${closesOn}T23:59:59+08:00`,
      sampleSize: sampleSize ? Number(sampleSize) : undefined,
    })
    toast('已创建')
    replace(ROUTES.staffWaves)
  })

  const chooseScope = (type: ScopeType) => {
    setScopeType(type)
    setScopeId(defaultScopeId(user, type))
  }

  return (
    <View className='card' style={{ maxWidth: '720px' }}>
      <View className='field__label'>问卷</View>
      <StateView state={questionnaires} isEmpty={isEmptyList} emptyText='还没有问卷'>
        {(list) =>
          list.map((q) => (
            <OptionRow
              key={q.id}
              testId='wave-questionnaire-option'
              selected={q.id === questionnaireId}
              onClick={() => {
                setQuestionnaireId(q.id)
                if (!title) setTitle(`${q.title}（${opensOn.slice(0, 7)}）`)
              }}
            >
              <View className='option__title'>{q.title}</View>
              <View className='muted'>
                {q.code} · 第{q.version}版
              </View>
            </OptionRow>
          ))
        }
      </StateView>
      <Field label='批次名称' testId='wave-title' value={title} onInput={setTitle} />

      <View className='field__label'>调查范围</View>
      <View className='row'>
        {scopesFor(user).map((s) => (
          <View key={s.type} style={{ flex: '1 1 140px' }}>
            <OptionRow testId={`wave-scope-${s.type}`} selected={scopeType === s.type} onClick={() => chooseScope(s.type)}>
              <View className='option__title' style={{ textAlign: 'center' }}>
                {s.label}
              </View>
            </OptionRow>
          </View>
        ))}
      </View>
      {scopeType === 'team' && (
        <StateView state={teams} isEmpty={isEmptyList} emptyText='没有可选的团队'>
          {(list) =>
            list.map((t) => (
              <OptionRow key={t.id} testId='wave-team-option' selected={scopeId === t.id} onClick={() => setScopeId(t.id)}>
                <View className='option__title'>{t.name}</View>
              </OptionRow>
            ))
          }
        </StateView>
      )}

      <Field
        label='开始日期（年-月-日）'
        testId='wave-opens'
        value={opensOn}
        onInput={setOpensOn}
        error={isCalendarDate(opensOn) ? undefined : '请按 2026-03-01 的格式填写'}
      />
      <Field
        label='结束日期（年-月-日）'
        testId='wave-closes'
        value={closesOn}
        onInput={setClosesOn}
        error={!isCalendarDate(closesOn) ? '请按 2026-03-31 的格式填写' : closesOn < opensOn ? '结束日期不能早于开始日期' : undefined}
      />
      <Field label='抽样人数（可不填，不填则面向范围内全部签约居民）' testId='wave-sample' type='number' value={sampleSize} onInput={setSampleSize} />
      <ErrorMessage error={create.error} />
      <BigButton testId='wave-create' disabled={!ready} loading={create.busy} onClick={() => create.run()}>
        创建调查批次
      </BigButton>
    </View>
  )
}

export default function StaffWaveNewPage() {
  return (
    <StaffGate area='createWave' title='新建调查批次' testId='staff-wave-new'>
      {(user) => <WaveForm user={user} />}
    </StaffGate>
  )
}
