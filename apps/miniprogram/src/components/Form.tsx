import type { PropsWithChildren } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'

interface FieldProps {
  label: string
  value: string
  onInput: (value: string) => void
  testId: string
  placeholder?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  password?: boolean
  maxlength?: number
  /** A problem with the value, shown under the field in red. */
  error?: string
  hint?: string
}

/** A labelled text field with its message underneath. */
export function Field({ label, value, onInput, testId, placeholder, type = 'text', password, maxlength, error, hint }: FieldProps) {
  return (
    <View className='field'>
      <View className='field__label'>{label}</View>
      <Input
        className={`field__input ${error ? 'field__input--bad' : ''}`}
        data-testid={testId}
        value={value}
        type={type}
        password={password}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error ? (
        <View className='field__error' data-testid={`${testId}-error`}>
          {error}
        </View>
      ) : hint ? (
        <View className='field__hint'>{hint}</View>
      ) : null}
    </View>
  )
}

export function TextArea({ label, value, onInput, testId, placeholder }: Omit<FieldProps, 'type'>) {
  return (
    <View className='field'>
      <View className='field__label'>{label}</View>
      <Textarea
        className='field__textarea'
        data-testid={testId}
        value={value}
        maxlength={500}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
    </View>
  )
}

interface CheckProps {
  checked: boolean
  onChange?: (checked: boolean) => void
  testId?: string
  /** Shown ticked and cannot be changed (e.g. the basic packages). */
  locked?: boolean
  /** Round mark: one choice out of several. */
  radio?: boolean
}

/** A large tappable row with a tick box — easier to hit than a native checkbox. */
export function CheckItem({ checked, onChange, testId, locked, radio, children }: PropsWithChildren<CheckProps>) {
  return (
    <View
      className={`check ${checked ? 'check--on' : ''} ${locked ? 'check--locked' : ''}`}
      data-testid={testId}
      data-checked={checked ? 'true' : 'false'}
      aria-checked={checked}
      role={radio ? 'radio' : 'checkbox'}
      onClick={() => {
        if (!locked) onChange?.(!checked)
      }}
    >
      <Text className={`check__box ${radio ? 'check__box--radio' : ''}`}>{checked ? '✓' : ''}</Text>
      <View className='check__label'>{children}</View>
    </View>
  )
}

interface ButtonProps {
  onClick: () => void
  testId: string
  disabled?: boolean
  loading?: boolean
  kind?: 'primary' | 'plain' | 'danger'
  small?: boolean
}

export function BigButton({ onClick, testId, disabled, loading, kind = 'primary', small, children }: PropsWithChildren<ButtonProps>) {
  return (
    <Button
      className={`btn btn--${kind} ${small ? 'btn--small' : ''} ${disabled ? 'btn--disabled' : ''}`}
      data-testid={testId}
      data-disabled={disabled ? 'true' : 'false'}
      // Only set when true: the H5 button renders `disabled="false"`, which still counts as disabled.
      // No `loading` prop: its spinner is inserted by the web component and clashes with React's children.
      disabled={disabled || loading ? true : undefined}
      onClick={() => {
        if (!disabled && !loading) onClick()
      }}
    >
      {loading ? '请稍候…' : children}
    </Button>
  )
}

/** A tappable list entry (community, team, doctor…): a button-sized row, highlighted when chosen. */
export function OptionRow({
  selected,
  onClick,
  testId,
  disabled,
  children,
}: PropsWithChildren<{ selected?: boolean; onClick: () => void; testId: string; disabled?: boolean }>) {
  return (
    <View
      className={`option ${selected ? 'option--on' : ''} ${disabled ? 'option--off' : ''}`}
      data-testid={testId}
      data-selected={selected ? 'true' : 'false'}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {children}
    </View>
  )
}
