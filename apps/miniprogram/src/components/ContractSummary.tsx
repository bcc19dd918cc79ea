import { View } from '@tarojs/components'
import { formatYuan } from '@jiayi/domain'
import type { Contract } from '../api/types'
import { contractStatusLabel } from '../labels'
import { formatDate } from '../format'

/** Who, status, period, team and own share of one contract (list card and detail header). */
export function ContractSummary({ contract }: { contract: Contract }) {
  return (
    <View>
      <View className='card__row'>
        <View className='card__title'>{contract.person.name}</View>
        <View className={`badge badge--${contract.status}`} data-testid='contract-status'>
          {contractStatusLabel(contract.status)}
        </View>
      </View>
      <View className='card__row'>
        <View className='muted'>服务期</View>
        <View>
          <View>{formatDate(contract.startDate)} 起</View>
          <View>{formatDate(contract.endDate)} 止</View>
        </View>
      </View>
      <View className='card__row'>
        <View className='muted'>医生团队</View>
        <View>{contract.team.name}</View>
      </View>
      {contract.doctor?.name && (
        <View className='card__row'>
          <View className='muted'>负责医生</View>
          <View>{contract.doctor.name}</View>
        </View>
      )}
      <View className='card__row'>
        <View className='muted'>个人支付</View>
        <View>{formatYuan(contract.fees.totals.selfPay)} 元</View>
      </View>
    </View>
  )
}
