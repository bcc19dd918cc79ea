import { useState } from 'react'
import { View } from '@tarojs/components'
import { referralsApi, staffReferralsApi, type SlotPool } from '../../api/referrals'
import { BigButton, CheckItem, Field } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { toast } from '../../navigation'
import type { SessionUser } from '../../session'
import { StaffGate } from '../../staff/StaffGate'
import { addDays, SLOT_PERIOD_LABELS, today, weekday, type SlotPeriod } from '../shared'

const DAYS = 14
const WEEKDAY_CHOICES = [1, 2, 3, 4, 5, 6, 0]
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** Publishes one department's pools over a range with a week template (e.g. Mon–Fri, mornings, 5 places). */
function PublishForm({ department, onPublished }: { department: string; onPublished: () => void }) {
  const [from, setFrom] = useState(addDays(today(), 1))
  const [to, setTo] = useState(addDays(today(), DAYS))
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5])
  const [periods, setPeriods] = useState<SlotPeriod[]>(['am', 'pm'])
  const [capacity, setCapacity] = useState('5')
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value])
  const publish = useAction(async () => {
    const result = await staffReferralsApi.publishWeek({ department, from, to, weekdays, periods, capacity: Number(capacity) })
    toast(result.skipped.length ? `已发布${result.created.length}个时段，${result.skipped.length}个已有号源未改动` : `已发布${result.created.length}个时段`)
    onPublished()
  })
  return (
    <View className='card' data-testid='pool-publish'>
      <View className='card__title'>批量放号：{department}</View>
      <View className='row'>
        <Field label='开始日期' value={from} onInput={setFrom} testId='publish-from' placeholder='2026-12-07' />
        <Field label='结束日期' value={to} onInput={setTo} testId='publish-to' placeholder='2026-12-20' />
      </View>
      <View className='muted'>每周哪几天</View>
      <View className='row'>
        {WEEKDAY_CHOICES.map((d) => (
          <CheckItem key={d} checked={weekdays.includes(d)} onChange={() => setWeekdays(toggle(weekdays, d))} testId={`publish-weekday-${d}`}>
            {WEEKDAY_NAMES[d]}
          </CheckItem>
        ))}
      </View>
      <View className='row'>
        {(['am', 'pm'] as SlotPeriod[]).map((p) => (
          <CheckItem key={p} checked={periods.includes(p)} onChange={() => setPeriods(toggle(periods, p))} testId={`publish-period-${p}`}>
            {SLOT_PERIOD_LABELS[p]}
          </CheckItem>
        ))}
      </View>
      <Field label='每个时段的号源数' type='number' value={capacity} onInput={setCapacity} testId='publish-capacity' />
      <ErrorMessage error={publish.error} />
      <BigButton testId='publish-submit' loading={publish.busy} onClick={() => publish.run()}>
        发布号源
      </BigButton>
    </View>
  )
}

function PoolEditor({ pool, onSaved }: { pool: SlotPool; onSaved: () => void }) {
  const [capacity, setCapacity] = useState(String(pool.capacity))
  const save = useAction(async (input: { capacity?: number; closed?: boolean }) => {
    await staffReferralsApi.updatePool(pool.id, input)
    toast('已保存')
    onSaved()
  })
  return (
    <View className='card' data-testid='pool-editor'>
      <View className='card__title'>
        {pool.date}（{weekday(pool.date)}）{SLOT_PERIOD_LABELS[pool.period]} · 已约{pool.booked}/{pool.capacity}
      </View>
      <Field label='号源数（不能少于已约人数）' type='number' value={capacity} onInput={setCapacity} testId='pool-capacity' />
      <ErrorMessage error={save.error} />
      <View className='row'>
        <BigButton small testId='pool-save' loading={save.busy} onClick={() => save.run({ capacity: Number(capacity) })}>
          保存号源数
        </BigButton>
        <BigButton small kind={pool.closed ? 'plain' : 'danger'} testId='pool-close' loading={save.busy} onClick={() => save.run({ closed: !pool.closed })}>
          {pool.closed ? '恢复预约' : '停止预约'}
        </BigButton>
      </View>
    </View>
  )
}

function PoolTable({ pools, onPick }: { pools: SlotPool[]; onPick: (pool: SlotPool) => void }) {
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today(), i))
  const cell = (date: string, period: SlotPeriod) => {
    const pool = pools.find((p) => p.date === date && p.period === period)
    if (!pool)
      return (
        <View className='pool-table__cell muted' key={period}>
          未放号
        </View>
      )
    const state = pool.closed ? 'pool-table__cell--closed' : pool.left === 0 ? 'pool-table__cell--full' : ''
    return (
      <View className={`pool-table__cell pool-table__cell--tap ${state}`} key={period} data-testid={`pool-${date}-${period}`} onClick={() => onPick(pool)}>
        {pool.booked}/{pool.capacity}
        {pool.closed ? ' 停约' : pool.left === 0 ? ' 满' : ''}
      </View>
    )
  }
  return (
    <View className='pool-table' data-testid='pool-table'>
      <View className='pool-table__row pool-table__row--head'>
        <View className='pool-table__cell pool-table__cell--date'>日期</View>
        <View className='pool-table__cell'>上午 已约/号源</View>
        <View className='pool-table__cell'>下午 已约/号源</View>
      </View>
      {days.map((date) => (
        <View className='pool-table__row' key={date}>
          <View className='pool-table__cell pool-table__cell--date'>
            {date.slice(5)} {weekday(date)}
          </View>
          {cell(date, 'am')}
          {cell(date, 'pm')}
        </View>
      ))}
    </View>
  )
}

function Pools({ user }: { user: SessionUser }) {
  const hospitals = useRequest(() => referralsApi.hospitals(), [])
  const hospital = hospitals.data?.find((h) => h.id === user.hospitalId)
  const [department, setDepartment] = useState<string>()
  const [picked, setPicked] = useState<string>()
  const current = department ?? hospital?.departments[0]
  const pools = useRequest(() => staffReferralsApi.slots({ department: current, from: today(), to: addDays(today(), DAYS - 1) }), [current], {
    enabled: !!current,
  })
  const pickedPool = pools.data?.find((p) => p.id === picked)
  return (
    <StateView state={hospitals}>
      {() => (
        <View>
          <View className='note'>{hospital?.name}：未来两周各科室的转诊号源。点表格中的数字可修改号源数或停止预约。</View>
          <View className='tabs'>
            {(hospital?.departments ?? []).map((d) => (
              <View
                key={d}
                className={`tabs__tab ${d === current ? 'tabs__tab--on' : ''}`}
                data-testid={`pool-department-${d}`}
                onClick={() => {
                  setDepartment(d)
                  setPicked(undefined)
                }}
              >
                {d}
              </View>
            ))}
          </View>
          <StateView state={pools}>
            {(list) => (
              <View>
                <PoolTable pools={list} onPick={(p) => setPicked(p.id)} />
                {pickedPool && <PoolEditor key={`${pickedPool.id}-${pickedPool.capacity}-${pickedPool.closed}`} pool={pickedPool} onSaved={pools.reload} />}
              </View>
            )}
          </StateView>
          {current && <PublishForm department={current} onPublished={pools.reload} />}
        </View>
      )}
    </StateView>
  )
}

export default function ReferralPoolsPage() {
  return (
    <StaffGate area='referralPools' title='转诊号源' testId='referral-pools'>
      {(user) => <Pools user={user} />}
    </StaffGate>
  )
}
