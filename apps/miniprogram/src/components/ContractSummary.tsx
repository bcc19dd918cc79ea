import { View } from '@tarojs/components'
import { formatYuan } from '@jiayi/domain'
import type { Contract } from '../api/types'
import { contractStatusLabel } from '../labels'
import { formatDate } from '../format'

/** The own share in words that fit the status: nothing is due on a contract that did not start or has ended. */
function selfPayText(contract: Contract): string {
  const amount = `${formatYuan(contract.fees.totals.selfPay)} 元`
  if (contract.status === 'rejected') return '未通过，不收费'
  if (contract.status === 'terminated') return `${amount}（已解约，不再收费）`
  if (contract.status === 'expired') return `${amount}（已到期）`
  if (contract.status === 'pending') return `${amount}（医生确认后到机构缴纳）`
  return amount
}

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
      <View className='card__row' data-testid='contract-selfpay'>
        <View className='muted'>个人自付</View>
        <View>{selfPayText(contract)}</View>
      </View>
    </View>
  )
}
