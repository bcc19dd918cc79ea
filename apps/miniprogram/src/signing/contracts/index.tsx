import { View } from '@tarojs/components'
import { contractsApi } from '../../api/contracts'
import type { Contract } from '../../api/types'
import { Page } from '../../components/Page'
import { BigButton } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { ContractSummary } from '../../components/ContractSummary'
import { PhoneCall } from '../../components/PhoneCall'
import { useRequest } from '../../hooks/useRequest'
import { terminationReasonLabel } from '../../labels'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'

/**
 * A change of team shows as two contracts of one person, the old one active and the new one
 * waiting: each says what it is, so that the list does not read as two signings to pay for.
 */
function ChangeNote({ contract, all }: { contract: Contract; all: Contract[] }) {
  const isChange = (pending: Contract, active: Contract) =>
    pending.personId === active.personId && pending.status === 'pending' && !pending.renewalOf && active.status === 'active' && pending.teamId !== active.teamId
  const from = all.find((other) => isChange(contract, other))
  if (from)
    return (
      <View className='note' data-testid='change-request'>
        这是更换家庭医生团队的申请，等{contract.team.name}确认。确认前，原来在{from.team.name}的签约照常有效。
      </View>
    )
  const to = all.find((other) => isChange(other, contract))
  if (to)
    return (
      <View className='note' data-testid='change-old'>
        已申请更换到{to.team.name}：新团队确认后这份签约自动结束；不通过则继续有效。
      </View>
    )
  return null
}

export default function ContractsPage() {
  const contracts = useRequest(() => contractsApi.list(), [], { refreshOnShow: true })
  return (
    <Page title='我的签约' testId='contracts'>
      <StateView
        state={contracts}
        isEmpty={isEmptyList}
        empty={
          <View>
            <View className='state__text'>您和家人还没有签约</View>
            <BigButton testId='contracts-sign' onClick={() => go(ROUTES.people)}>
              去签约
            </BigButton>
          </View>
        }
      >
        {(list) =>
          list.map((c) => (
            <View className='card' key={c.id} data-testid='contract-card'>
              <View onClick={() => go(withQuery(ROUTES.contract, { id: c.id }))}>
                <ContractSummary contract={c} />
                {c.status === 'rejected' && c.rejectionReason && <View className='form-error'>退回原因：{c.rejectionReason}</View>}
                {c.status === 'terminated' && c.terminationReason && <View className='muted'>解约原因：{terminationReasonLabel(c.terminationReason)}</View>}
                <ChangeNote contract={c} all={list} />
              </View>
              {(c.status === 'active' || c.status === 'pending') && (
                <PhoneCall testId='call-team' label={c.doctor?.phone ? `打给${c.doctor.name}医生` : '打给医生团队'} phone={c.doctor?.phone || c.team.phone} />
              )}
              <BigButton testId='contract-open' kind='plain' small onClick={() => go(withQuery(ROUTES.contract, { id: c.id }))}>
                查看详情
              </BigButton>
            </View>
          ))
        }
      </StateView>
    </Page>
  )
}
