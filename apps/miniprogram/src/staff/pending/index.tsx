import { useState } from 'react'
import { View } from '@tarojs/components'
import { KEY_GROUPS, formatYuan, keyGroupLabel } from '@jiayi/domain'
import { staffApi } from '../../api/staff'
import type { PendingContract } from '../../api/types'
import { BigButton, CheckItem, Field } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDate, formatDateTime } from '../../format'
import { toast } from '../../navigation'
import { StaffGate } from '../StaffGate'

const DECLARABLE = KEY_GROUPS.filter((g) => !g.derived)

function PendingCard({ contract, onDone }: { contract: PendingContract; onDone: () => void }) {
  const { person } = contract
  const [confirmedTags, setConfirmedTags] = useState<string[]>(person.declaredTags)
  const [showAllTags, setShowAllTags] = useState(false)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')

  const confirm = useAction(async () => {
    await staffApi.confirmContract(contract.id, confirmedTags)
    toast('已确认签约')
    onDone()
  })
  const reject = useAction(async () => {
    await staffApi.rejectContract(contract.id, reason.trim())
    toast('已退回')
    onDone()
  })

  const derived = person.tags.filter((t) => KEY_GROUPS.some((g) => g.code === t && g.derived))
  const offered = showAllTags ? DECLARABLE : DECLARABLE.filter((g) => person.declaredTags.includes(g.code))
  const toggle = (code: string, on: boolean) => setConfirmedTags(on ? [...confirmedTags, code] : confirmedTags.filter((t) => t !== code))

  return (
    <View className='card' data-testid='pending-card'>
      <View className='card__row'>
        <View className='card__title'>{person.name}</View>
        <View className='muted'>
          {person.gender === 'male' ? '男' : person.gender === 'female' ? '女' : person.gender} · {person.age}岁
        </View>
      </View>
      <View className='muted'>身份证号：{person.idNumberMasked}</View>
      <View className='muted'>
        服务期：{formatDate(contract.startDate)} 至 {formatDate(contract.endDate)}（{contract.years}年） · 提交于 {formatDateTime(contract.createdAt)}
      </View>
      <View className='muted'>
        服务包：{contract.fees.lines.map((l) => l.packageName).filter((n, i, all) => all.indexOf(n) === i).join('、')} · 个人支付 {formatYuan(contract.fees.totals.selfPay)} 元
      </View>
      {derived.length > 0 && (
        <View className='tags'>
          {derived.map((t) => (
            <View className='tag' key={t}>
              {keyGroupLabel(t)}（按年龄）
            </View>
          ))}
        </View>
      )}

      <View className='section-title'>核实居民申报的人群标签</View>
      {offered.length === 0 && <View className='muted'>居民没有申报重点人群。</View>}
      {offered.map((g) => (
        <CheckItem key={g.code} testId={`confirm-tag-${g.code}`} checked={confirmedTags.includes(g.code)} onChange={(on) => toggle(g.code, on)}>
          {g.label}
          {person.declaredTags.includes(g.code) ? '（居民申报）' : ''}
        </CheckItem>
      ))}
      {!showAllTags && (
        <BigButton testId='show-all-tags' kind='plain' small onClick={() => setShowAllTags(true)}>
          添加其他标签
        </BigButton>
      )}

      <ErrorMessage error={confirm.error ?? reject.error} />
      {!rejecting ? (
        <View className='row'>
          <BigButton testId='confirm' small loading={confirm.busy} onClick={() => confirm.run()}>
            确认签约
          </BigButton>
          <BigButton testId='reject' kind='danger' small onClick={() => setRejecting(true)}>
            退回
          </BigButton>
        </View>
      ) : (
        <View>
          <Field label='退回原因' testId='reject-reason' value={reason} onInput={setReason} placeholder='例如：不在本团队服务范围' />
          <View className='row'>
            <BigButton testId='reject-submit' kind='danger' small disabled={!reason.trim()} loading={reject.busy} onClick={() => reject.run()}>
              确认退回
            </BigButton>
            <BigButton testId='reject-cancel' kind='plain' small onClick={() => setRejecting(false)}>
              取消
            </BigButton>
          </View>
        </View>
      )}
    </View>
  )
}

function PendingList() {
  const pending = useRequest(() => staffApi.pendingContracts(), [], { refreshOnShow: true })
  return (
    <StateView state={pending} isEmpty={(page) => page.items.length === 0} emptyText='没有待确认的签约'>
      {(page) => (
        <View>
          <View className='muted' style={{ marginBottom: '12px' }}>
            共 {page.total} 份待确认{page.total > page.items.length ? `，先显示最早提交的 ${page.items.length} 份` : ''}
          </View>
          {page.items.map((c) => (
            <PendingCard key={c.id} contract={c} onDone={pending.reload} />
          ))}
        </View>
      )}
    </StateView>
  )
}

export default function StaffPendingPage() {
  return (
    <StaffGate area='pending' title='待确认签约' testId='staff-pending'>
      {() => <PendingList />}
    </StaffGate>
  )
}
