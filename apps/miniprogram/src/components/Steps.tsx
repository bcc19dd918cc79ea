import { View } from '@tarojs/components'

/** The steps of signing, and of changing team (which keeps the packages and the period). */
export const SIGNING_STEPS = ['选择签约人', '选择医生团队', '选择服务包', '阅读签约协议', '确认提交'] as const
export const CHANGE_TEAM_STEPS = ['选择新团队', '阅读签约协议', '确认提交'] as const

/** 第2步/共5步 · 选择医生团队, with a bar of the steps. */
export function Steps({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <View className='steps' data-testid='steps'>
      <View className='steps__text'>
        第{current}步/共{steps.length}步 · {steps[current - 1]}
      </View>
      <View className='steps__track'>
        {steps.map((step, i) => (
          <View key={step} className={`steps__dot ${i < current ? 'steps__dot--done' : ''}`} />
        ))}
      </View>
    </View>
  )
}
