import { useState } from 'react'
import { View } from '@tarojs/components'
import type { Todo } from '@jiayi/contract'
import { fieldworkApi } from '../../api/services'
import { OptionRow } from '../../components/Form'
import { StateView } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatDate } from '../../format'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'
import { TODO_LABELS } from '../labels'

type TodoItem = Todo['items'][number]

/** Groups in the order of their labels. */
const ORDER = Object.keys(TODO_LABELS) as TodoItem['kind'][]

/** Referral requests and down-referrals are handled in the referral queue; everything else on the resident's page. */
function open(item: TodoItem) {
  if (item.kind === 'referralToApprove') go(withQuery(ROUTES.referralQueue, { tab: 'requested' }))
  else if (item.kind === 'downReferralToAcknowledge') go(withQuery(ROUTES.referralQueue, { tab: 'down' }))
  else go(withQuery(ROUTES.fieldworkResident, { personId: item.personId }))
}

function TodoList({ mine }: { mine: boolean }) {
  const todo = useRequest(() => fieldworkApi.todo(mine), [mine], { refreshOnShow: true })
  return (
    <StateView state={todo} isEmpty={(t) => t.items.length === 0} emptyText='没有待办事项'>
      {(t) => (
        <View>
          <View className='muted' data-testid='todo-date'>
            截至 {formatDate(t.today)}
          </View>
          {ORDER.filter((kind) => t.counts[kind]).map((kind) => (
            <View key={kind} data-testid={`todo-group-${kind}`}>
              <View className='section-title'>
                {TODO_LABELS[kind]}（{t.counts[kind]}）
              </View>
              {t.items
                .filter((i) => i.kind === kind)
                .map((item, n) => (
                  <View
                    className='card card--tap'
                    key={`${item.personId}-${item.planItemId ?? item.serviceId ?? item.referralId ?? item.contractId ?? n}`}
                    data-testid='todo-item'
                    onClick={() => open(item)}
                  >
                    <View className='card__row'>
                      <View className='card__title'>{item.personName}</View>
                      <View className={kind === 'serviceOverdue' ? 'state-overdue' : 'muted'}>{formatDate(item.date)}</View>
                    </View>
                    <View>{item.title} ›</View>
                  </View>
                ))}
            </View>
          ))}
        </View>
      )}
    </StateView>
  )
}

export default function TodoPage() {
  const [mine, setMine] = useState(false)
  return (
    <StaffGate area='todo' title='待办' testId='todo'>
      {(user) => (
        <View style={{ maxWidth: '720px' }}>
          {user.doctorId && (
            <View className='row'>
              <View style={{ flex: 1 }}>
                <OptionRow testId='todo-team' selected={!mine} onClick={() => setMine(false)}>
                  全团队
                </OptionRow>
              </View>
              <View style={{ flex: 1 }}>
                <OptionRow testId='todo-mine' selected={mine} onClick={() => setMine(true)}>
                  我的居民
                </OptionRow>
              </View>
            </View>
          )}
          <TodoList mine={mine} />
        </View>
      )}
    </StaffGate>
  )
}
