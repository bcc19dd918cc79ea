import { View } from '@tarojs/components'
import type { ResidentServices, ServiceRecordView } from '@jiayi/contract'
import { servicesApi } from '../../api/services'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { BigButton } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { useSession } from '../../hooks/useSession'
import { formatDate } from '../../format'
import { ROUTES } from '../../routes'
import { go, toast } from '../../navigation'

const SERVICES = [
  { testId: 'service-sign', title: '签约家庭医生', text: '为自己和家人选择医生团队和服务包', url: ROUTES.people },
  { testId: 'service-contracts', title: '我的签约', text: '查看签约状态、续约、联系医生', url: ROUTES.contracts },
  { testId: 'service-family', title: '家庭成员', text: '添加家人，一起签约', url: ROUTES.family },
  { testId: 'service-survey', title: '满意度问卷', text: '说说您对家庭医生的评价', url: ROUTES.waves },
  { testId: 'service-profile', title: '个人资料', text: '姓名、身份证号、电话、社区', url: ROUTES.profile },
]

function ReceivedService({ service, onConfirmed }: { service: ServiceRecordView; onConfirmed: () => void }) {
  const confirm = useAction(async () => {
    await servicesApi.confirm(service.id)
    toast('已确认')
    onConfirmed()
  })
  return (
    <View className='card' data-testid='my-service'>
      <View className='card__row'>
        <View className='card__title'>{service.typeLabel}</View>
        <View className='muted'>{formatDate(service.serviceDate)}</View>
      </View>
      {service.measurementsText && (
        <View className='reading' data-testid='my-service-reading'>
          {service.measurementsText}
        </View>
      )}
      {service.onTarget === false && <View className='state-overdue'>本次测量未达到控制目标，请按医生嘱咐复查</View>}
      {service.note && <View>医生记录：{service.note}</View>}
      <View className='muted'>
        {service.channelLabel} · {service.recordedBy.name}
      </View>
      {service.confirmedAt ? (
        <View className='state-done' data-testid='my-service-confirmed'>
          您已确认这次服务
        </View>
      ) : (
        <View>
          <BigButton testId='my-service-confirm' loading={confirm.busy} onClick={() => confirm.run()}>
            确认医生为我提供了这次服务
          </BigButton>
          <ErrorMessage error={confirm.error} />
        </View>
      )}
    </View>
  )
}

function MyServices() {
  const mine = useRequest(() => servicesApi.mine(), [], { refreshOnShow: true })
  const hasAny = (data: ResidentServices) => data.people.some((p) => p.plans.length > 0 || p.services.length > 0)
  return (
    <StateView state={mine} isEmpty={(d) => !hasAny(d)} emptyText='签约生效后，家庭医生为您提供的服务会显示在这里'>
      {(data) =>
        data.people
          .filter((p) => p.plans.length > 0 || p.services.length > 0)
          .map((person) => {
            const year = data.today.slice(0, 4)
            // Still owed: open or late items, and those whose window starts later this year.
            const stillDue = person.plans
              .flatMap((plan) => plan.items)
              .filter((i) => i.state === 'due' || i.state === 'overdue' || (i.state === 'upcoming' && i.windowStart.slice(0, 4) === year))
              .sort((a, b) => a.windowEnd.localeCompare(b.windowEnd))
            return (
              <View key={person.personId} data-testid='my-services-person'>
                <View className='section-title'>{person.name}的服务</View>
                {person.plans.map((plan) => (
                  <View className='note' key={plan.contractId} data-testid='my-progress'>
                    履约进度：本签约期共 {plan.summary.total} 项服务，已提供 {plan.summary.done} 项
                    {plan.summary.overdue > 0 ? `，${plan.summary.overdue} 项未按时提供` : ''}
                  </View>
                ))}
                {stillDue.length > 0 && (
                  <View className='card'>
                    <View className='card__title'>接下来将为您提供</View>
                    {stillDue.map((item) => (
                      <View className='plan-item' key={item.id}>
                        <View>{item.title}</View>
                        <View className='muted'>{formatDate(item.windowEnd)}前</View>
                      </View>
                    ))}
                  </View>
                )}
                {person.services.map((s) => (
                  <ReceivedService key={s.id} service={s} onConfirmed={mine.reload} />
                ))}
              </View>
            )
          })
      }
    </StateView>
  )
}

export default function ServicesPage() {
  const { signedIn } = useSession()
  return (
    <Page title='服务' testId='services'>
      {!signedIn && <LoginPrompt />}
      {signedIn && (
        <View data-testid='my-services'>
          <View className='section-title'>我的服务</View>
          <MyServices />
        </View>
      )}
      {signedIn && <View className='section-title'>办理业务</View>}
      {SERVICES.map((s) => (
        <View className='card card--tap' key={s.testId} data-testid={s.testId} onClick={() => go(signedIn ? s.url : ROUTES.login)}>
          <View className='card__title'>{s.title} ›</View>
          <View className='muted'>{s.text}</View>
        </View>
      ))}
    </Page>
  )
}
