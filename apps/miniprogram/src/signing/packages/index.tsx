import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatYuan, togglePackage } from '@jiayi/domain'
import { catalogApi } from '../../api/catalog'
import type { OfferedPackage } from '../../api/types'
import { Page } from '../../components/Page'
import { Steps, SIGNING_STEPS } from '../../components/Steps'
import { BigButton, CheckItem, OptionRow } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { FeeTable, HOW_TO_PAY } from '../../components/FeeTable'
import { useRequest } from '../../hooks/useRequest'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { readDraft, updateDraft } from '../draft'

const YEARS = [1, 2, 3] as const

/** The chosen packages at their own yearly prices, before a contained package is charged once. */
function listPrice(offered: OfferedPackage[] | undefined, codes: string[], years: number): number | undefined {
  if (!offered) return undefined
  return offered.filter((p) => codes.includes(p.code)).reduce((sum, p) => sum + (p.totals?.total ?? 0), 0) * years
}

interface PersonProps {
  person: { id: string; name: string }
  /** The first person is the account holder, whose share reads "您个人需支付". */
  isSelf: boolean
  years: number
  selected: string[] | undefined
  onSelect: (codes: string[]) => void
  onQuote: (selfPay: number | undefined) => void
}

function PersonPackages({ person, isSelf, years, selected, onSelect, onQuote }: PersonProps) {
  const packages = useRequest(() => catalogApi.packages(person.id), [person.id])
  const policy = useRequest(() => catalogApi.policy(person.id), [person.id])
  const maxPersonalised = policy.data?.maxPersonalisedPackages ?? 1
  const codes = selected ?? []
  const quote = useRequest(() => catalogApi.quote(person.id, codes, years), [person.id, codes.join(','), years], {
    enabled: codes.length > 0,
  })

  useEffect(() => {
    if (packages.data && selected === undefined) {
      onSelect(packages.data.filter((p) => p.kind === 'basic').map((p) => p.code))
    }
  }, [packages.data, selected, onSelect])

  useEffect(() => {
    onQuote(quote.loading || quote.error ? undefined : quote.data?.totals.selfPay)
  }, [quote.data, quote.loading, quote.error, onQuote])

  return (
    <View className='card' data-testid='person-packages'>
      <View className='card__title'>{person.name}</View>
      <StateView state={packages} isEmpty={isEmptyList} emptyText='暂无可选的服务包'>
        {(list) => (
          <View>
            {list.map((pkg) => {
              return (
                <CheckItem
                  key={pkg.code}
                  testId={`pkg-${pkg.code}`}
                  checked={codes.includes(pkg.code)}
                  locked={pkg.kind === 'basic'}
                  radio={pkg.kind === 'personalised' && maxPersonalised === 1}
                  onChange={() => onSelect(togglePackage(list, codes, pkg.code, maxPersonalised))}
                >
                  <View className='option__title'>{pkg.name}</View>
                  {/* The list price is not what the resident pays: most of it is paid by insurance and public-health funds. */}
                  {pkg.totals && (
                    <View className='muted' data-testid='pkg-list-price'>
                      服务包总价 {formatYuan(pkg.totals.total)} 元/年（大部分由医保、公卫支付，您自付多少见下方费用表）
                    </View>
                  )}
                  <View className='muted'>
                    {pkg.kind === 'basic' ? '基础服务包，每人都有' : `个性化服务包，最多选${maxPersonalised === 1 ? '一' : maxPersonalised}个`}
                  </View>
                  {pkg.description && <View className='muted'>{pkg.description}</View>}
                </CheckItem>
              )
            })}
          </View>
        )}
      </StateView>
      {codes.length > 0 && (
        <StateView state={quote}>
          {(q) => <FeeTable quote={q} personName={isSelf ? undefined : person.name} listPrice={listPrice(packages.data, codes, years)} />}
        </StateView>
      )}
    </View>
  )
}

export default function PackagesPage() {
  const draft = readDraft()
  const [years, setYears] = useState<1 | 2 | 3>(draft.years)
  const [selection, setSelection] = useState<Record<string, string[]>>(draft.packages)
  const [selfPay, setSelfPay] = useState<Record<string, number | undefined>>({})

  const people = draft.people
  const allQuoted = people.length > 0 && people.every((p) => selfPay[p.id] !== undefined && (selection[p.id]?.length ?? 0) > 0)
  const totalSelfPay = people.reduce((sum, p) => sum + (selfPay[p.id] ?? 0), 0)

  const next = () => {
    updateDraft({ years, packages: selection, selfPay: selfPay as Record<string, number> })
    go(ROUTES.agreement)
  }

  if (people.length === 0) {
    return (
      <Page title='选择服务包'>
        <View className='state state--empty' data-testid='state-empty'>
          请先选择为谁签约。
        </View>
        <BigButton testId='restart' onClick={() => go(ROUTES.people)}>
          重新开始
        </BigButton>
      </Page>
    )
  }

  return (
    <Page
      title='选择服务包'
      testId='packages'
      bottom={
        <View>
          {allQuoted && (
            <View className='bottom-bar__note' data-testid='packages-bar-total'>
              {people.length > 1 ? '全家个人自付合计' : '个人自付'} <Text style={{ fontWeight: 800, fontSize: '22px' }}>{formatYuan(totalSelfPay)}</Text> 元（
              {years}年）
            </View>
          )}
          <BigButton testId='packages-next' disabled={!allQuoted} onClick={next}>
            下一步：阅读签约协议
          </BigButton>
        </View>
      }
    >
      <Steps steps={SIGNING_STEPS} current={3} />
      <View className='section-title'>签约年限</View>
      <View className='row'>
        {YEARS.map((y) => (
          <View key={y} style={{ flex: '1 1 90px' }}>
            <OptionRow testId={`years-${y}`} selected={years === y} onClick={() => setYears(y)}>
              <View className='option__title' style={{ textAlign: 'center' }}>
                {y}年
              </View>
            </OptionRow>
          </View>
        ))}
      </View>

      {people.map((person) => (
        <PersonPackages
          key={person.id}
          person={person}
          isSelf={!!person.self}
          years={years}
          selected={selection[person.id]}
          onSelect={(codes) => setSelection((s) => ({ ...s, [person.id]: codes }))}
          onQuote={(amount) => setSelfPay((s) => (s[person.id] === amount ? s : { ...s, [person.id]: amount }))}
        />
      ))}

      {people.length > 1 && allQuoted && (
        <View className='card' data-testid='fee-selfpay-total'>
          <View className='card__title'>全家个人自付</View>
          {people.map((p) => (
            <View className='card__row' key={p.id}>
              <View>{p.self ? `${p.name}（本人）` : p.name}</View>
              <View>{formatYuan(selfPay[p.id] ?? 0)} 元</View>
            </View>
          ))}
          <View className='card__row' style={{ fontWeight: 800, borderTop: '1px solid #d9dfdc', paddingTop: '6px' }}>
            <View>全家合计（{years}年）</View>
            <View>{formatYuan(totalSelfPay)} 元</View>
          </View>
          <View className='muted'>{HOW_TO_PAY}</View>
        </View>
      )}
    </Page>
  )
}
