import { View } from '@tarojs/components'
import type { Notice, ResidentServices } from '@jiayi/contract'
import { todayInChina } from '@jiayi/domain'
import { meApi } from '../../api/me'
import { contractsApi } from '../../api/contracts'
import { noticesApi } from '../../api/notices'
import type { Contract, Me, Person } from '../../api/types'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { StateView } from '../../components/StateView'
import { BigButton } from '../../components/Form'
import { PhoneCall } from '../../components/PhoneCall'
import { useRequest } from '../../hooks/useRequest'
import { useSession } from '../../hooks/useSession'
import { isStaff } from '../../session'
import { ROUTES, withQuery } from '../../routes'
import { go, toast } from '../../navigation'
import { contractStatusLabel, relationLabel } from '../../labels'
import { formatDate } from '../../format'
import { servicesApi } from '../../api/services'
import { HomeUpdates } from './HomeUpdates'

interface Household {
  me: Me
  members: Person[]
  contracts: Contract[]
  notices: Notice[]
  nextService?: { title: string; dueDate: string; personName: string; overdue: boolean }
}

/** The most pressing service still to be given to the family: overdue first, then the earliest due. */
function nextDueService(services: ResidentServices | null): Household['nextService'] {
  const due = (services?.people ?? []).flatMap((person) =>
    person.plans
      .filter((plan) => plan.status === 'active')
      .flatMap((plan) => plan.items.filter((item) => item.state === 'overdue' || item.state === 'due').map((item) => ({ item, person }))),
  )
  due.sort((a, b) => Number(b.item.state === 'overdue') - Number(a.item.state === 'overdue') || a.item.windowEnd.localeCompare(b.item.windowEnd))
  const first = due[0]
  return first && { title: first.item.title, dueDate: first.item.windowEnd, personName: first.person.name, overdue: first.item.state === 'overdue' }
}

async function loadHousehold(): Promise<Household> {
  const me = await meApi.get()
  if (!me.person) return { me, members: [], contracts: [], notices: [] }
  const [members, contracts, notices, services] = await Promise.all([
    meApi.familyMembers(),
    contractsApi.list(),
    // Notices and the service plan are extra: the page works without them.
    noticesApi.list().catch(() => [] as Notice[]),
    servicesApi.mine().catch(() => null),
  ])
  return { me, members, contracts, notices: notices.filter((n) => !n.readAt), nextService: nextDueService(services) }
}

/** The contract that counts for a person now: the active one, else the one waiting, else none. */
function currentContract(contracts: Contract[], personId: string): Contract | undefined {
  const own = contracts.filter((c) => c.personId === personId && !c.renewalOf)
  return (
    own.find((c) => c.status === 'active') ?? own.find((c) => c.status === 'pending') ?? contracts.find((c) => c.personId === personId && c.status === 'active')
  )
}

function renewalDue(contract: Contract | undefined): boolean {
  return !!contract && contract.status === 'active' && !contract.renewedBy && !!contract.renewalOpensOn && contract.renewalOpensOn <= todayInChina(new Date())
}

function TeamCard({ contract }: { contract: Contract }) {
  const doctor = contract.doctor
  return (
    <View className='card' data-testid='home-team'>
      <View className='team-card'>
        <View className='avatar' data-testid='home-doctor-photo'>
          {(doctor?.name || contract.team.name).slice(0, 1)}
        </View>
        <View style={{ flex: 1 }}>
          <View className='muted'>我的家庭医生</View>
          <View className='card__title' data-testid='home-doctor'>
            {doctor?.name ? `${doctor.name} · ${doctor.title}` : '由团队安排'}
          </View>
          <View className='muted'>
            {contract.team.name} · {contract.institution.name}
          </View>
        </View>
      </View>
      <View className='card__row' data-testid='home-contract-status'>
        <View className={`badge badge--${contract.status}`}>{contractStatusLabel(contract.status)}</View>
        <View>{contract.status === 'pending' ? '等待医生确认' : `有效期至 ${formatDate(contract.endDate)}`}</View>
      </View>
      <PhoneCall testId='home-call' label={doctor?.phone ? '一键拨打医生' : '一键拨打团队'} phone={doctor?.phone || contract.team.phone} />
      {renewalDue(contract) && (
        <BigButton testId='home-renew' onClick={() => go(withQuery(ROUTES.contract, { id: contract.id, renew: 1 }))}>
          快到期了，去续约
        </BigButton>
      )}
    </View>
  )
}

/** Before the first contract: the steps, with where the resident is. */
function SigningSteps({ data }: { data: Household }) {
  const steps = [
    { title: '填写个人资料', text: '姓名、身份证号、电话、住在哪个村', done: !!data.me.person },
    { title: '添加家人（可选）', text: '家人可以一起签约', done: data.members.length > 0 },
    { title: '选医生团队和服务包', text: '看清楚每项费用谁来出', done: false },
    { title: '医生确认', text: '确认后签约生效，到卫生院缴个人自付部分', done: false },
  ]
  const next = !data.me.person ? (data.me.consent.sensitiveConsent ? ROUTES.profile : ROUTES.privacy) : ROUTES.people
  return (
    <View className='card' data-testid='home-steps'>
      <View className='card__title'>签约家庭医生，只需四步</View>
      {steps.map((step, i) => (
        <View className='steps-list__item' key={step.title}>
          <View className={`steps-list__num ${step.done ? 'steps-list__num--done' : ''}`}>{step.done ? '✓' : i + 1}</View>
          <View>
            <View style={{ fontWeight: 700 }}>{step.title}</View>
            <View className='muted'>{step.text}</View>
          </View>
        </View>
      ))}
      <BigButton testId={data.me.person ? 'home-sign' : 'home-profile'} onClick={() => go(next)}>
        {data.me.person ? '开始签约' : '第一步：填写个人资料'}
      </BigButton>
    </View>
  )
}

/** Everyone in the household with their contract's state. */
function FamilyStatus({ data }: { data: Household }) {
  const everyone = [data.me.person!, ...data.members]
  return (
    <View className='card' data-testid='home-family'>
      <View className='card__title'>家人签约情况</View>
      {everyone.map((person, i) => {
        const contract = currentContract(data.contracts, person.id)
        return (
          <View className='card__row' key={person.id} data-testid='home-family-row'>
            <View>
              {person.name}
              <View className='muted' style={{ display: 'inline' }}>
                （{i === 0 ? '本人' : relationLabel(person.relation)}）
              </View>
            </View>
            {contract ? (
              <View className={`badge badge--${contract.status}`}>{contractStatusLabel(contract.status)}</View>
            ) : (
              <View className='link' onClick={() => go(ROUTES.people)}>
                未签约，去签约
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}

const ENTRIES = (renewUrl: string | undefined) => [
  { testId: 'entry-sign', icon: '✍', label: '签约', url: ROUTES.people },
  { testId: 'entry-renew', icon: '↻', label: '续约', url: renewUrl ?? ROUTES.contracts },
  { testId: 'entry-referral', icon: '⇄', label: '预约转诊', url: ROUTES.referralMine },
  { testId: 'entry-survey', icon: '☑', label: '问卷', url: ROUTES.waves },
  { testId: 'entry-feed', icon: '☰', label: '资讯', url: ROUTES.feed },
  { testId: 'entry-family', icon: '⌂', label: '家庭成员', url: ROUTES.family },
]

function Entries({ renewUrl }: { renewUrl?: string }) {
  return (
    <View className='entries' data-testid='home-entries'>
      {ENTRIES(renewUrl).map((entry) => (
        <View
          className={`entry ${entry.url ? '' : 'entry--off'}`}
          key={entry.testId}
          data-testid={entry.testId}
          onClick={() => (entry.url ? go(entry.url) : toast('即将开放', 'error'))}
        >
          <View className='entry__inner'>
            <View className='entry__icon'>{entry.icon}</View>
            <View className='entry__label'>{entry.label}</View>
            {!entry.url && (
              <View className='muted' style={{ fontSize: '14px' }}>
                即将开放
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}

export default function HomePage() {
  const { user, signedIn } = useSession()
  const resident = signedIn && !isStaff(user)
  const household = useRequest(loadHousehold, [resident], { enabled: resident, refreshOnShow: true })

  const openNotice = (notice: Notice) => {
    noticesApi.markRead(notice.id).then(household.reload, () => undefined)
    if (notice.page.startsWith('/')) go(notice.page)
  }

  return (
    <Page testId='home'>
      {!signedIn && (
        <View>
          <View className='page__title'>家庭医生签约服务</View>
          <View className='note'>签约家庭医生，有人管您的健康：看病咨询、慢病随访、优先转诊。</View>
          <LoginPrompt />
        </View>
      )}
      {signedIn && isStaff(user) && (
        <View className='card'>
          <View className='card__title'>您已用工作账号登录</View>
          <BigButton testId='home-staff' onClick={() => go(ROUTES.staffHome)}>
            进入工作台
          </BigButton>
        </View>
      )}
      {resident && (
        <StateView state={household}>
          {(data) => {
            const own = data.me.person ? currentContract(data.contracts, data.me.person.id) : undefined
            const anyContract = data.contracts.some((c) => c.status === 'active' || c.status === 'pending')
            return (
              <View>
                {data.me.person && <View className='page__title'>您好，{data.me.person.name}</View>}
                {own && <TeamCard contract={own} />}
                {!anyContract && <SigningSteps data={data} />}
                <HomeUpdates
                  nextService={data.nextService && { ...data.nextService, onOpen: () => go(ROUTES.services) }}
                  notices={data.notices}
                  onOpenNotice={openNotice}
                />
                {data.me.person && (
                  <Entries
                    renewUrl={
                      own && renewalDue(own)
                        ? withQuery(ROUTES.contract, { id: own.id, renew: 1 })
                        : own
                          ? withQuery(ROUTES.contract, { id: own.id })
                          : undefined
                    }
                  />
                )}
                {data.me.person && (data.members.length > 0 || !own) && <FamilyStatus data={data} />}
                {anyContract && (
                  <BigButton testId='home-contracts' kind='plain' onClick={() => go(ROUTES.contracts)}>
                    我的签约
                  </BigButton>
                )}
              </View>
            )
          }}
        </StateView>
      )}
    </Page>
  )
}
