import { Button, View } from '@tarojs/components'
import { phoneApi } from '../api/auth'
import { useAction } from '../hooks/useRequest'
import { ErrorMessage } from './StateView'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** The browser demo has no WeChat: the stand-in verifies this code as the demo number. */
const DEMO_CODE = 'phone:13800138000'

/**
 * 微信手机号快捷填写: WeChat's getPhoneNumber button; the code goes to the API, which asks WeChat for
 * the verified number. Typing the number stays possible underneath (declined, failed, or another number).
 */
export function PhoneQuickFill({ onPhone }: { onPhone: (phone: string) => void }) {
  const exchange = useAction(async (code: string) => {
    const { phone } = await phoneApi.fromWechat(code)
    onPhone(phone)
  })
  return (
    <View className='field' data-testid='phone-quick'>
      <Button
        className='btn btn--plain btn--small'
        data-testid='phone-quick-fill'
        openType={isWeapp ? 'getPhoneNumber' : undefined}
        onGetPhoneNumber={(e) => {
          if (e.detail.code) exchange.run(e.detail.code)
        }}
        onClick={() => {
          if (!isWeapp) exchange.run(DEMO_CODE)
        }}
      >
        {exchange.busy ? '正在获取…' : isWeapp ? '微信手机号快捷填写' : '微信手机号快捷填写（演示）'}
      </Button>
      <View className='field__hint'>不想用微信绑定的号码，可以在下面直接填写。</View>
      <ErrorMessage error={exchange.error} testId='phone-quick-error' />
    </View>
  )
}
