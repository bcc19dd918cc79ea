import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'

/** A tap-to-call button: a `tel:` link in the browser, the phone dialer in the mini-program. */
export function PhoneCall({ phone, label, testId }: { phone: string; label: string; testId: string }) {
  if (!phone) return null
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className='call' href={`tel:${phone}`} data-testid={testId}>
        {label}：{phone}
      </a>
    )
  }
  return (
    <View className='call' data-testid={testId} onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
      {label}：{phone}
    </View>
  )
}
