import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ContractPlan, ServiceRecordView } from '@jiayi/contract'
import { keyGroupLabel } from '@jiayi/domain'
import { fieldworkApi } from '../../api/services'
import { BigButton } from '../../components/Form'
import { StateView } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { contractStatusLabel } from '../../labels'
import { formatDate, formatDateTime } from '../../format'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'
import { PLAN_STATE_LABELS } from '../labels'

function Plan({ plan, personId }: { plan: ContractPlan; personId: string }) {
  const open = plan.items.filter((i) => i.state !== 'upcoming')
  const next = plan.items.filter((i) => i.state === 'upcoming').slice(0, 3)
  return (
    <View className='card' data-testid='resident-plan'>
      <View className='card__title'>服务计划</View>
      <View data-testid='plan-progress'>
        已完成 {plan.summary.done} · 进行中 {plan.summary.open} · 逾期 {plan.summary.overdue} · 共 {plan.summary.total} 项
      </View>
      {[...open, ...next].map((item) => (
        <View className='plan-item' key={item.id} data-testid='plan-item' data-state={item.state}>
          <View className='plan-item__what'>
            <View>{item.title}</View>
            <View className='muted'>{item.state === 'upcoming' ? `${formatDate(item.windowStart)}起` : `截止 ${formatDate(item.windowEnd)}`}</View>
          </View>
          <View className='plan-item__state'>
            <View className={`state-${item.state}`}>{PLAN_STATE_LABELS[item.state]}</View>
            {(item.state === 'due' || item.state === 'overdue') && plan.status === 'active' && (
              <View
                className='link'
                data-testid='plan-item-record'
                onClick={() => go(withQuery(ROUTES.fieldworkRecord, { personId, contractId: plan.contractId, planItemId: item.id, type: item.type }))}
              >
                记录
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}

function Service({ service, personId }: { service: ServiceRecordView; personId: string }) {
  return (
    <View className='card' data-testid='resident-service' data-current={service.current ? 'true' : 'false'}>
      <View className='card__row'>
        <View className='card__title'>{service.typeLabel}</View>
        <View className='muted'>{formatDate(service.serviceDate)}</View>
      </View>
      {service.measurementsText && <View className='reading'>{service.measurementsText}</View>}
      {service.onTarget === false && <View className='state-overdue'>未达控制目标</View>}
      {service.note && <View>{service.note}</View>}
      <View className='muted'>
        {service.channelLabel} · {service.recordedBy.name} · 第{service.version}版
        {service.confirmedAt ? ` · 居民已确认（${service.confirmedVia === 'signature' ? '签名' : '小程序'}）` : ' · 居民未确认'}
      </View>
      {service.correctionReason && <View className='muted'>更正原因：{service.correctionReason}</View>}
      {service.current ? (
        <View className='link' data-testid='service-correct' onClick={() => go(withQuery(ROUTES.fieldworkRecord, { personId, correct: service.id }))}>
          更正这条记录
        </View>
      ) : (
        <View className='muted'>已被更正（保留原记录）</View>
      )}
    </View>
  )
}

export default function ResidentRecordPage() {
  const { params } = useRouter()
  const personId = params.personId ?? ''
  const record = useRequest(() => fieldworkApi.residentRecord(personId), [personId], { enabled: !!personId, refreshOnShow: true })
  return (
    <StaffGate area='todo' title='居民档案' testId='resident-record'>
      {() => (
        <StateView state={record}>
          {(r) => {
            const active = r.contracts.find((c) => c.status === 'active')
            return (
              <View style={{ maxWidth: '720px' }}>
                <View className='card'>
                  <View className='card__row'>
                    <View className='card__title' data-testid='resident-name'>
                      {r.person.name}
                    </View>
                    <View>
                      {r.person.gender === 'male' ? '男' : '女'} · {r.person.age}岁
                    </View>
                  </View>
                  <View className='muted'>
                    身份证号：{r.person.idNumberMasked}
                    {r.person.phoneMasked ? ` · 手机：${r.person.phoneMasked}` : ''}
                  </View>
                  {r.person.tags.length > 0 && <View>{r.person.tags.map(keyGroupLabel).join('、')}</View>}
                  {!r.person.claimed && <View className='muted'>上门登记，居民尚未在微信中认领</View>}
                </View>
                {r.contracts.map((c) => (
                  <View className='card' key={c.id} data-testid='resident-contract'>
                    <View className='card__row'>
                      <View>
                        签约 {formatDate(c.startDate)} 至 {formatDate(c.endDate)}
                      </View>
                      <View className={`badge badge--${c.status}`}>{contractStatusLabel(c.status)}</View>
                    </View>
                    <View className='muted'>
                      {c.channel === 'onsite' ? '上门签约（医生代签）' : '小程序签约'}
                      {c.hasSignature ? ' · 有居民手写签名' : ''}
                    </View>
                  </View>
                ))}
                {r.plans
                  .filter((p) => p.status === 'active')
                  .map((p) => (
                    <Plan key={p.contractId} plan={p} personId={r.person.id} />
                  ))}
                {active && (
                  <BigButton
                    testId='resident-record-service'
                    onClick={() => go(withQuery(ROUTES.fieldworkRecord, { personId: r.person.id, contractId: active.id }))}
                  >
                    记录一次服务
                  </BigButton>
                )}
                <View className='section-title'>服务记录</View>
                {r.services.length === 0 && <View className='muted'>还没有服务记录</View>}
                {r.services.map((s) => (
                  <Service key={s.id} service={s} personId={r.person.id} />
                ))}
                <View className='muted'>查看时间：{formatDateTime(new Date().toISOString())}（已记录查阅日志）</View>
              </View>
            )
          }}
        </StateView>
      )}
    </StaffGate>
  )
}
