import { View } from '@tarojs/components'
import { contractsApi } from '../../api/contracts'
import { Page } from '../../components/Page'
import { BigButton } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { ContractSummary } from '../../components/ContractSummary'
import { PhoneCall } from '../../components/PhoneCall'
import { useRequest } from '../../hooks/useRequest'
import { terminationReasonLabel } from '../../labels'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'

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
