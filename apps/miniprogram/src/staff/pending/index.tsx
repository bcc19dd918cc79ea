import { useEffect, useMemo, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { KEY_GROUPS, formatYuan, isOfferedTo, keyGroupLabel, type KeyGroupTag } from '@jiayi/domain'
import { staffApi, type PendingFilters } from '../../api/staff'
import { catalogApi } from '../../api/catalog'
import type { Community, PendingContract, StaffPackage } from '../../api/types'
import { BigButton, CheckItem, Field } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { PhoneCall } from '../../components/PhoneCall'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDate, formatDateTime } from '../../format'
import { contractStatusLabel } from '../../labels'
import { toast } from '../../navigation'
import { StaffGate } from '../StaffGate'

const DECLARABLE = KEY_GROUPS.filter((g) => !g.derived)
const isDerived = (tag: string) => KEY_GROUPS.some((g) => g.code === tag && g.derived)

const PAGE_SIZE = 20

interface Options {
  packages: StaffPackage[]
  communities: Community[]
  /** The villages and communities the teams in scope serve: the community filter. */
  served: { id: string; name: string }[]
}

async function loadOptions(): Promise<Options> {
  const [packages, communities, teams] = await Promise.all([staffApi.packages(), catalogApi.communities(), staffApi.teams()])
  const served = new Map(teams.flatMap((t) => t.communities).map((c) => [c.id, c]))
  return { packages, communities, served: [...served.values()] }
}

/** Chosen packages that the tags about to be confirmed do not allow (the confirmation would be refused). */
function mismatchedPackages(contract: PendingContract, confirmedTags: string[], packages: StaffPackage[]): StaffPackage[] {
  const tags = [...contract.person.tags.filter(isDerived), ...confirmedTags] as KeyGroupTag[]
  return packages.filter((p) => contract.packageCodes.includes(p.code) && !isOfferedTo(p, tags))
}

/** Who submitted: the resident, or the account holder for a family member. */
function submittedBy(contract: PendingContract): string {
  if (contract.signedBy === 'self') return '本人提交'
  return contract.submittedBy ? `${contract.submittedBy}代为提交（家人代签）` : '家人代为提交'
}

interface CardProps {
  contract: PendingContract
  packages: StaffPackage[]
  communityName: string
  confirmedTags: string[]
  onTags: (tags: string[]) => void
  selected: boolean
  onSelect: (on: boolean) => void
  onDone: () => void
}

function PendingCard({ contract, packages, communityName, confirmedTags, onTags, selected, onSelect, onDone }: CardProps) {
  const { person } = contract
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

  const derived = person.tags.filter(isDerived)
  const offered = showAllTags ? DECLARABLE : DECLARABLE.filter((g) => person.declaredTags.includes(g.code))
  const toggle = (code: string, on: boolean) => onTags(on ? [...confirmedTags, code] : confirmedTags.filter((t) => t !== code))
  const mismatch = mismatchedPackages(contract, confirmedTags, packages)
  const chosen = packages.filter((p) => contract.packageCodes.includes(p.code))

  return (
    <View className='card' data-testid='pending-card'>
      <View className='card__row'>
        <CheckItem testId='pending-select' checked={selected} onChange={onSelect}>
          <View className='card__title' style={{ marginBottom: 0 }}>
            {person.name}
          </View>
        </CheckItem>
        <View className='muted'>
          {person.gender === 'male' ? '男' : person.gender === 'female' ? '女' : person.gender} · {person.age}岁
        </View>
      </View>
      <View className='muted'>
        身份证号：{person.idNumberMasked} · 住址：<Text data-testid='pending-community'>{communityName || '未填写'}</Text>
      </View>
      {person.phone ? <PhoneCall testId='pending-phone' label='电话' phone={person.phone} /> : <View className='muted'>没有留电话</View>}
      <View className='muted' data-testid='pending-submitted-by'>
        {submittedBy(contract)} · {formatDateTime(contract.createdAt)}
      </View>
      {contract.household.length > 0 && (
        <View className='muted' data-testid='pending-household'>
          同户一起签约：{contract.household.map((h) => `${h.name}（${contractStatusLabel(h.status)}）`).join('、')}
        </View>
      )}
      <View className='muted'>
        服务期：{formatDate(contract.startDate)} 至 {formatDate(contract.endDate)}（{contract.years}年）
      </View>

      <View className='grid' style={{ marginTop: '8px' }}>
        <View className='card' style={{ flex: '1 1 260px' }}>
          <View style={{ fontWeight: 700 }}>申报的人群</View>
          {derived.map((t) => (
            <View className='tag' key={t}>
              {keyGroupLabel(t)}（按年龄）
            </View>
          ))}
          {person.declaredTags.length === 0 && derived.length === 0 && <View className='muted'>没有申报重点人群</View>}
          {person.declaredTags.map((t) => (
            <View className='tag' key={t}>
              {keyGroupLabel(t)}
            </View>
          ))}
        </View>
        <View className='card' style={{ flex: '1 1 260px' }}>
          <View style={{ fontWeight: 700 }}>选择的服务包</View>
          {chosen.map((p) => (
            <View key={p.code} className={mismatch.includes(p) ? 'mismatch' : ''} data-testid={mismatch.includes(p) ? 'pending-mismatch' : undefined}>
              {p.name}
              {mismatch.includes(p) ? `（需确认：${p.targetTags.map(keyGroupLabel).join('或')}）` : ''}
            </View>
          ))}
          <View className='muted'>个人自付 {formatYuan(contract.fees.totals.selfPay)} 元</View>
        </View>
      </View>

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
      {mismatch.length > 0 && <View className='form-error'>所选服务包与确认的人群不符，确认会被拒绝：请核实标签，或退回请居民重新选择。</View>}

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
          <Field label='退回原因（居民会看到）' testId='reject-reason' value={reason} onInput={setReason} placeholder='例如：不在本团队服务范围' />
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

/**
 * The pending contracts, searched, filtered and paged by the API: the first page loads with the
 * filters, 加载更多 appends the next. After a confirmation the list is read again as far as it was
 * shown (confirmed ones drop out, so offsets would skip).
 */
function usePendingPages(filters: PendingFilters) {
  // How far the list was shown with these filters, read when the list is read again (a ref: the
  // reload keeps the closure of its first render). Other filters start again at one page.
  const key = JSON.stringify([filters.q, filters.communityId, filters.packageCode])
  const shown = useRef({ key, count: PAGE_SIZE })
  const [more, setMore] = useState<PendingContract[]>([])
  const first = useRequest(
    () => staffApi.pendingContracts(filters, 0, shown.current.key === key ? Math.min(500, shown.current.count) : PAGE_SIZE),
    [filters.q, filters.communityId, filters.packageCode],
    { refreshOnShow: true },
  )
  const page = first.data
  // A fresh first page holds everything shown so far: the pages added after it are dropped.
  useEffect(() => setMore([]), [page])
  const items = useMemo(() => {
    const seen = new Set((page?.items ?? []).map((c) => c.id))
    return [...(page?.items ?? []), ...more.filter((c) => !seen.has(c.id))]
  }, [page, more])
  const loadMore = useAction(async () => {
    const next = await staffApi.pendingContracts(filters, items.length, PAGE_SIZE)
    setMore((loaded) => [...loaded, ...next.items])
    shown.current = { key, count: items.length + next.items.length }
  })
  return { first, items, total: page?.total ?? 0, loadMore, reload: first.reload }
}

function PendingList() {
  const options = useRequest(loadOptions, [])
  const [search, setSearch] = useState('')
  const [filters, setFilters] = useState<PendingFilters>({})
  const [selected, setSelected] = useState<string[]>([])
  const [tags, setTags] = useState<Record<string, string[]>>({})
  const [batchResult, setBatchResult] = useState<{ done: string[]; failed: string[] }>()
  const pages = usePendingPages(filters)
  const { items, total } = pages

  const setFilter = (change: PendingFilters) => setFilters((current) => ({ ...current, ...change }))
  // Typing searches after a short pause, not on every character.
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = search.trim() || undefined
      setFilters((current) => (current.q === q ? current : { ...current, q }))
    }, 400)
    return () => clearTimeout(timer)
  }, [search])
  // Only what is shown now counts as selected (a ticked card the filters hid is not confirmed).
  const chosen = items.filter((c) => selected.includes(c.id))

  const tagsOf = (c: PendingContract) => tags[c.id] ?? c.person.declaredTags

  // The API confirms one contract a call; several are confirmed one after another and each result is told.
  const confirmSelected = useAction(async () => {
    const done: string[] = []
    const failed: string[] = []
    for (const contract of chosen) {
      try {
        await staffApi.confirmContract(contract.id, tagsOf(contract))
        done.push(contract.person.name)
      } catch {
        failed.push(contract.person.name)
      }
    }
    setBatchResult({ done, failed })
    setSelected([])
    pages.reload()
  })

  const filtered = Boolean(filters.q || filters.communityId || filters.packageCode)
  return (
    <StateView state={options}>
      {({ packages, communities, served }) => {
        const communityName = (id: string | null) => communities.find((c) => c.id === id)?.name ?? ''
        const personalised = packages.filter((p) => p.kind === 'personalised')
        return (
          <View>
            <Field label='查找居民' testId='pending-search' value={search} onInput={setSearch} placeholder='姓名、身份证号后4位或手机号' />
            <View className='filters' data-testid='pending-filter-community'>
              <View className={`chip ${!filters.communityId ? 'chip--on' : ''}`} onClick={() => setFilter({ communityId: undefined })}>
                全部村/社区
              </View>
              {served.map((c) => (
                <View
                  key={c.id}
                  className={`chip ${filters.communityId === c.id ? 'chip--on' : ''}`}
                  data-testid='filter-community'
                  onClick={() => setFilter({ communityId: c.id })}
                >
                  {c.name}
                </View>
              ))}
            </View>
            <View className='filters' data-testid='pending-filter-package'>
              <View className={`chip ${!filters.packageCode ? 'chip--on' : ''}`} onClick={() => setFilter({ packageCode: undefined })}>
                全部服务包
              </View>
              {personalised.map((p) => (
                <View
                  key={p.code}
                  className={`chip ${filters.packageCode === p.code ? 'chip--on' : ''}`}
                  data-testid='filter-package'
                  onClick={() => setFilter({ packageCode: p.code })}
                >
                  {p.name}
                </View>
              ))}
            </View>
            {batchResult && (
              <View className={batchResult.failed.length ? 'form-error' : 'note'} data-testid='pending-batch-result'>
                已确认 {batchResult.done.length} 份{batchResult.done.length ? `（${batchResult.done.join('、')}）` : ''}
                {batchResult.failed.length > 0 && `；未能确认 ${batchResult.failed.length} 份（${batchResult.failed.join('、')}），请逐份查看原因`}
              </View>
            )}
            <StateView
              state={pages.first}
              isEmpty={(page) => page.items.length === 0}
              emptyText={filtered ? '没有符合条件的待确认签约，换个条件试试。' : '没有待确认的签约，居民提交后会出现在这里。'}
            >
              {() => (
                <View>
                  <View className='muted' style={{ marginBottom: '12px' }} data-testid='pending-total'>
                    {filtered ? '符合条件的' : '共'} {total} 份待确认，最早提交的在前；已显示 {items.length} 份
                  </View>
                  <View className='card row' data-testid='pending-batch'>
                    <BigButton testId='pending-select-all' kind='plain' small onClick={() => setSelected(items.map((c) => c.id))}>
                      全选已显示的 {items.length} 份
                    </BigButton>
                    <BigButton
                      testId='pending-confirm-selected'
                      small
                      disabled={chosen.length === 0}
                      loading={confirmSelected.busy}
                      onClick={() => confirmSelected.run()}
                    >
                      确认所选 {chosen.length} 份
                    </BigButton>
                    <View className='muted'>按各卡片上勾选的人群标签确认。</View>
                  </View>
                  {items.map((c) => (
                    <PendingCard
                      key={c.id}
                      contract={c}
                      packages={packages}
                      communityName={communityName(c.person.communityId)}
                      confirmedTags={tagsOf(c)}
                      onTags={(next) => setTags((all) => ({ ...all, [c.id]: next }))}
                      selected={selected.includes(c.id)}
                      onSelect={(on) => setSelected((ids) => (on ? [...ids, c.id] : ids.filter((id) => id !== c.id)))}
                      onDone={pages.reload}
                    />
                  ))}
                  <ErrorMessage error={pages.loadMore.error} />
                  {items.length < total ? (
                    <BigButton testId='pending-more' kind='plain' loading={pages.loadMore.busy} onClick={() => pages.loadMore.run()}>
                      加载更多（还有 {total - items.length} 份）
                    </BigButton>
                  ) : (
                    <View className='muted' data-testid='pending-all-shown'>
                      已全部显示
                    </View>
                  )}
                </View>
              )}
            </StateView>
          </View>
        )
      }}
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
