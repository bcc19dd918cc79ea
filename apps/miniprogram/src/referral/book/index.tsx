import { useEffect, useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { contractsApi } from '../../api/contracts'
import { referralsApi, staffReferralsApi, type SlotPool } from '../../api/referrals'
import { staffApi } from '../../api/staff'
import { BigButton, Field, OptionRow, TextArea } from '../../components/Form'
import { Page } from '../../components/Page'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useSession } from '../../hooks/useSession'
import { useAction, useRequest } from '../../hooks/useRequest'
import { useLatest } from '../../hooks/useLatest'
import { isStaff } from '../../session'
import { ROUTES, withQuery } from '../../routes'
import { replace, toast } from '../../navigation'
import { addDays, slotLabel, SLOT_PERIOD_HOURS, SLOT_PERIOD_LABELS, today, weekday, type SlotPeriod } from '../shared'

/** Someone who can be referred: a person with an active contract. */
interface Candidate {
  contractId: string
  name: string
  detail: string
}

const DAYS = 14

/** The resident's active contracts (self and family). */
async function residentCandidates(): Promise<Candidate[]> {
  const contracts = await contractsApi.list()
  return contracts
    .filter((c) => c.status === 'active')
    .map((c) => ({ contractId: c.id, name: c.person.name, detail: c.doctor ? `${c.team.name} · ${c.doctor.name}医生` : c.team.name }))
}

function PersonStep({
  staff,
  chosen,
  onChoose,
  presetContractId,
}: {
  staff: boolean
  chosen?: Candidate
  onChoose: (c: Candidate) => void
  presetContractId?: string
}) {
  const [q, setQ] = useState('')
  const [search, setSearch] = useState('')
  const candidates = useRequest<Candidate[]>(async () => {
    if (!staff) return residentCandidates()
    if (!search) return []
    const found = await staffApi.residents(search)
    return (found as unknown as { name: string; idNumberMasked: string; age?: number; contract: { id: string; status: string } }[])
      .filter((r) => r.contract?.status === 'active')
      .map((r) => ({ contractId: r.contract.id, name: r.name, detail: `${r.idNumberMasked}${r.age !== undefined ? ` · ${r.age}岁` : ''}` }))
  }, [staff, search])
  // When the candidates arrive: the one the route named, or a resident's only one, is chosen.
  const latest = useLatest({ chosen, onChoose, presetContractId, staff })
  useEffect(() => {
    const { chosen, onChoose, presetContractId, staff } = latest.current
    const preset = candidates.data?.find((c) => c.contractId === presetContractId)
    if (preset && !chosen) onChoose(preset)
    else if (!staff && candidates.data?.length === 1 && !chosen) onChoose(candidates.data[0])
  }, [candidates.data, latest])

  return (
    <View>
      <View className='section-title'>1. 为谁预约</View>
      {staff && (
        <View>
          <Field label='查找居民（姓名或身份证号）' value={q} onInput={setQ} testId='referral-resident-q' placeholder='输入姓名' />
          <BigButton small kind='plain' testId='referral-resident-search' onClick={() => setSearch(q.trim())}>
            查找
          </BigButton>
        </View>
      )}
      <StateView
        state={candidates}
        isEmpty={(list) => list.length === 0}
        emptyText={staff ? (search ? '没有找到签约生效的居民' : '请先查找居民') : '只有签约生效的居民才能预约转诊。请先签约家庭医生。'}
      >
        {(list) => (
          <View>
            {list.map((c) => (
              <OptionRow key={c.contractId} testId={`referral-person-${c.name}`} selected={chosen?.contractId === c.contractId} onClick={() => onChoose(c)}>
                <View className='option__title'>{c.name}</View>
                <View className='muted'>{c.detail}</View>
              </OptionRow>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

/** Fourteen days, each with its morning and afternoon and the places left. */
function DateStrip({ pools, chosen, onChoose }: { pools: SlotPool[]; chosen?: SlotPool; onChoose: (pool: SlotPool) => void }) {
  const first = addDays(today(), 1)
  const days = Array.from({ length: DAYS }, (_, i) => addDays(first, i))
  return (
    <View className='date-strip' data-testid='referral-date-strip'>
      {days.map((date) => (
        <View className='date-strip__day' key={date}>
          <View className='date-strip__date'>
            {Number(date.slice(5, 7))}月{Number(date.slice(8))}日
          </View>
          <View className='muted'>{weekday(date)}</View>
          {(['am', 'pm'] as SlotPeriod[]).map((period) => {
            const pool = pools.find((p) => p.date === date && p.period === period)
            const open = !!pool && pool.left > 0
            const on = chosen?.id === pool?.id && !!pool
            return (
              <View
                key={period}
                className={`date-strip__slot ${on ? 'date-strip__slot--on' : ''} ${open ? '' : 'date-strip__slot--off'}`}
                data-testid={`slot-${date}-${period}`}
                onClick={() => open && onChoose(pool)}
              >
                {SLOT_PERIOD_LABELS[period]}
                <View>{!pool ? '未放号' : pool.closed ? '停约' : pool.left > 0 ? `余${pool.left}` : '约满'}</View>
              </View>
            )
          })}
        </View>
      ))}
    </View>
  )
}

export default function BookReferralPage() {
  const { user } = useSession()
  const staff = isStaff(user)
  const { params } = useRouter()
  const [person, setPerson] = useState<Candidate>()
  const [hospitalId, setHospitalId] = useState<string>()
  const [department, setDepartment] = useState<string>()
  const [pool, setPool] = useState<SlotPool>()
  const [reason, setReason] = useState('')
  const [confirming, setConfirming] = useState(false)

  const hospitals = useRequest(() => referralsApi.hospitals(), [])
  useEffect(() => {
    if (hospitals.data?.length === 1) setHospitalId(hospitals.data[0].id)
  }, [hospitals.data])
  const hospital = hospitals.data?.find((h) => h.id === hospitalId)
  const pools = useRequest<SlotPool[]>(
    () => {
      const query = { hospitalId: hospitalId!, department, from: addDays(today(), 1), to: addDays(today(), DAYS) }
      return staff ? staffReferralsApi.slots(query) : referralsApi.slots(query)
    },
    [hospitalId, department],
    { enabled: !!hospitalId && !!department },
  )
  const leftByDepartment = useMemo(() => pools.data?.reduce((sum, p) => sum + p.left, 0), [pools.data])

  const submit = useAction(async () => {
    const input = { contractId: person!.contractId, slotId: pool!.id, reason: reason.trim() }
    if (staff) {
      await staffReferralsApi.book(input)
      toast('已预约')
      replace(ROUTES.referralQueue)
    } else {
      await referralsApi.request(input)
      toast('已提交，等待家庭医生审核')
      replace(withQuery(ROUTES.referralMine, { submitted: '1' }))
    }
  })

  const ready = !!person && !!pool && reason.trim().length > 0
  return (
    <Page title={staff ? '为居民预约转诊' : '预约转诊'} testId='referral-book'>
      <PersonStep staff={staff} chosen={person} onChoose={setPerson} presetContractId={params.contractId} />

      <View className='section-title'>2. 选择医院</View>
      <StateView state={hospitals} isEmpty={(list) => list.length === 0} emptyText='暂无合作医院'>
        {(list) => (
          <View>
            {list.map((h) => (
              <OptionRow
                key={h.id}
                testId={`referral-hospital-${h.name}`}
                selected={h.id === hospitalId}
                onClick={() => {
                  setHospitalId(h.id)
                  setDepartment(undefined)
                  setPool(undefined)
                }}
              >
                <View className='option__title'>
                  {h.name}（{h.level}）
                </View>
                <View className='muted'>{h.address}</View>
              </OptionRow>
            ))}
          </View>
        )}
      </StateView>

      {hospital && (
        <View>
          <View className='section-title'>3. 选择科室</View>
          <View className='tabs'>
            {hospital.departments.map((d) => (
              <View
                key={d}
                className={`tabs__tab ${d === department ? 'tabs__tab--on' : ''}`}
                data-testid={`referral-department-${d}`}
                onClick={() => {
                  setDepartment(d)
                  setPool(undefined)
                }}
              >
                {d}
              </View>
            ))}
          </View>
        </View>
      )}

      {department && (
        <View>
          <View className='section-title'>4. 选择就诊时间</View>
          <StateView state={pools}>
            {(list) => (
              <View>
                {leftByDepartment === 0 && <View className='note'>未来两周{department}的转诊号已约满或未放号，请选择其他科室，或联系家庭医生。</View>}
                <DateStrip pools={list} chosen={pool} onChoose={setPool} />
              </View>
            )}
          </StateView>
        </View>
      )}

      {pool && (
        <View>
          <View className='section-title'>5. 转诊原因</View>
          <TextArea
            label='请简单说明哪里不舒服、想看什么'
            value={reason}
            onInput={setReason}
            testId='referral-reason'
            placeholder='例如：血压一直偏高，吃药效果不好'
          />
        </View>
      )}

      {ready && !confirming && (
        <BigButton testId='referral-next' onClick={() => setConfirming(true)}>
          下一步：核对预约信息
        </BigButton>
      )}
      {ready && confirming && (
        <View className='card' data-testid='referral-confirm'>
          <View className='card__title'>请核对</View>
          <View className='card__row'>
            <View className='muted'>就诊人</View>
            <View>{person!.name}</View>
          </View>
          <View className='card__row'>
            <View className='muted'>医院科室</View>
            <View>
              {hospital!.name} {department}
            </View>
          </View>
          <View className='card__row'>
            <View className='muted'>就诊时间</View>
            <View>
              {slotLabel(pool!.date, pool!.period)}（{SLOT_PERIOD_HOURS[pool!.period].arrive}前到）
            </View>
          </View>
          <View className='card__row'>
            <View className='muted'>转诊原因</View>
            <View>{reason.trim()}</View>
          </View>
          {!staff && <View className='note'>提交后号源为您保留，家庭医生审核通过后预约成功；医生逾期未审核，号源会自动释放，“我的转诊”里写着截止时间。</View>}
          <ErrorMessage error={submit.error} />
          <BigButton testId='referral-submit' loading={submit.busy} onClick={() => submit.run()}>
            确认预约
          </BigButton>
          <BigButton testId='referral-back' kind='plain' onClick={() => setConfirming(false)}>
            返回修改
          </BigButton>
        </View>
      )}
    </Page>
  )
}
