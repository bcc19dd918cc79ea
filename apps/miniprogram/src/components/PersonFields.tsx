import { View } from '@tarojs/components'
import { KEY_GROUPS, isMobilePhone, parseIdNumber, todayInChina, type KeyGroupTag, type ParsedIdNumber } from '@jiayi/domain'
import { CheckItem, Field } from './Form'

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
    <Field label='身份证号' testId={testId} type='idcard' maxlength={18} value={value} onInput={onInput} error={error} hint={summary} placeholder='18位身份证号' />
  )
}

export function isPhoneNumber(phone: string): boolean {
  return isMobilePhone(phone.trim())
}

/** The key groups a resident may declare (age groups are worked out from the ID number). */
export function DeclaredTagsPicker({ value, onChange, testIdPrefix = 'tag' }: { value: KeyGroupTag[]; onChange: (tags: KeyGroupTag[]) => void; testIdPrefix?: string }) {
  const toggle = (code: KeyGroupTag, on: boolean) => onChange(on ? [...value, code] : value.filter((t) => t !== code))
  return (
    <View>
      <View className='field__label'>是否属于以下人群（可多选，医生会核实）</View>
      {KEY_GROUPS.filter((g) => !g.derived).map((group) => (
        <CheckItem key={group.code} testId={`${testIdPrefix}-${group.code}`} checked={value.includes(group.code)} onChange={(on) => toggle(group.code, on)}>
          {group.label}
        </CheckItem>
      ))}
    </View>
  )
}
