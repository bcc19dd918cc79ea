import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ageOn, declarableGroupsFor, isMobilePhone, parseIdNumber, todayInChina, type KeyGroupTag, type ParsedIdNumber } from '@jiayi/domain'
import { BigButton, CheckItem, Field } from './Form'
import { useLatest } from '../hooks/useLatest'

export function today(): string {
  return todayInChina(new Date())
}

/** The ID number checked as typed: the parsed number, or the Chinese message to show. */
export function checkIdNumber(raw: string): { parsed?: ParsedIdNumber; message?: string } {
  const result = parseIdNumber(raw, today())
  return result.ok ? { parsed: result.value } : { message: result.message }
}

interface IdFieldProps {
  value: string
  onInput: (value: string) => void
  testId: string
  /** Show "请填写身份证号" only after a submit attempt. */
  showRequired: boolean
  serverError?: string
  hint?: string
}

export function IdNumberField({ value, onInput, testId, showRequired, serverError, hint }: IdFieldProps) {
  const { parsed, message } = checkIdNumber(value)
  const error = serverError ?? (value.trim() || showRequired ? message : undefined)
  const summary = parsed ? `出生日期 ${parsed.birthDate}，${parsed.gender === 'male' ? '男' : '女'}` : hint
  return (
    <Field
      label='身份证号'
      testId={testId}
      type='idcard'
      maxlength={18}
      value={value}
      onInput={onInput}
      error={error}
      hint={summary}
      placeholder='18位身份证号'
    />
  )
}

export function isPhoneNumber(phone: string): boolean {
  return isMobilePhone(phone.trim())
}

/** Sex and age from a valid ID number as typed, else from the saved person. */
export function sexAndAge(idNumber: string, saved?: { gender: 'male' | 'female'; age: number } | null): { sex?: 'male' | 'female'; age?: number } {
  const { parsed } = checkIdNumber(idNumber)
  if (parsed) return { sex: parsed.gender, age: ageOn(parsed.birthDate, today()) }
  return saved ? { sex: saved.gender, age: saved.age } : {}
}

interface PickerProps {
  value: KeyGroupTag[]
  onChange: (tags: KeyGroupTag[]) => void
  testIdPrefix?: string
  /** From the ID number: groups that cannot apply (孕产妇 for a man or a child) are not offered. */
  sex?: 'male' | 'female'
  age?: number
}

/**
 * The key groups a resident may declare, filtered by sex and age (age groups are worked out from
 * the ID number), the common ones first and the rest behind 更多人群, each with what it means.
 */
export function DeclaredTagsPicker({ value, onChange, testIdPrefix = 'tag', sex, age }: PickerProps) {
  const groups = declarableGroupsFor(sex, age)
  const [showAll, setShowAll] = useState(false)
  const applicable = groups.map((g) => g.code).join(',')
  // When the ID number changes which groups apply, the ticked ones that no longer apply are dropped.
  const latest = useLatest({ value, onChange })
  useEffect(() => {
    const { value, onChange } = latest.current
    const kept = value.filter((code) => applicable.split(',').includes(code))
    if (kept.length !== value.length) onChange(kept)
  }, [applicable, latest])
  const toggle = (code: KeyGroupTag, on: boolean) => onChange(on ? [...value, code] : value.filter((t) => t !== code))
  const shown = groups.filter((g) => showAll || g.common || value.includes(g.code))
  return (
    <View data-testid={`${testIdPrefix}-picker`}>
      <View className='field__label'>是否属于以下人群（可多选，不确定可以不选，医生会核实）</View>
      <View className='field__hint' style={{ marginBottom: '8px' }}>
        标“健康信息”的只有您签约的医生团队能看到，用来安排随访，不会公开。
      </View>
      {shown.map((group) => (
        <CheckItem key={group.code} testId={`${testIdPrefix}-${group.code}`} checked={value.includes(group.code)} onChange={(on) => toggle(group.code, on)}>
          <View>
            {group.label}
            {group.sensitive && (
              <Text className='tag' style={{ marginLeft: '6px' }}>
                健康信息
              </Text>
            )}
          </View>
          {group.explanation && <View className='muted'>{group.explanation}</View>}
        </CheckItem>
      ))}
      {!showAll && shown.length < groups.length && (
        <BigButton testId={`${testIdPrefix}-more`} kind='plain' small onClick={() => setShowAll(true)}>
          更多人群（低保、脱贫等）
        </BigButton>
      )}
    </View>
  )
}
