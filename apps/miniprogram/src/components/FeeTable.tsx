import { Text, View } from '@tarojs/components'
import { PAYER_LABELS, formatYuan } from '@jiayi/domain'
import type { Quote } from '../api/types'

type Payer = 'insurance' | 'publicHealth' | 'selfPay' | 'fiscal'
const PAYERS: Payer[] = ['insurance', 'publicHealth', 'selfPay', 'fiscal']

function payerLabel(payer: string): string {
  return (PAYER_LABELS as Record<string, string>)[payer] ?? payer
}

/** Package lines of a quote folded to one row per package (a quote may itemise). */
function packageRows(quote: Quote): { code: string; name: string; amount: number }[] {
  const rows = new Map<string, { code: string; name: string; amount: number }>()
  for (const line of quote.lines) {
    const row = rows.get(line.packageCode) ?? { code: line.packageCode, name: line.packageName, amount: 0 }
    row.amount += line.amount
    rows.set(line.packageCode, row)
  }
  return [...rows.values()]
}

/** Plain words for each payer, for a resident who has never heard the office names. */
export const PAYER_EXPLANATIONS: Record<Payer, string> = {
  insurance: '您参加的城乡居民医保里的钱，由医保和卫生院直接结算，不用您掏。',
  publicHealth: '国家按人头拨给卫生院的基本公共卫生服务经费，基础服务就是它付的，不用您掏。',
  fiscal: '政府的补助（对低保、脱贫等人员，或到了一定年龄的老人），替您付掉一部分，不用您掏。',
  selfPay: '需要您自己付的部分。',
}

/** Where the own share is paid: nothing is charged in the mini-program. */
export const HOW_TO_PAY = '现在不用付钱。医生确认签约后，个人自付部分到签约的卫生院（社区卫生服务中心）收费处缴纳；线上不收费。'
const HOW_TO_PAY_ACTIVE = '个人自付部分到签约的卫生院（社区卫生服务中心）收费处缴纳，已缴过的不用再缴；线上不收费。'

interface Props {
  quote: Quote
  testId?: string
  /** The contract's status, when the quote belongs to one: a closed contract asks for no payment. */
  status?: string
  /** Whose share it is, when not the reader's own (a family member's card): "李秀英个人需支付". */
  personName?: string
  /** What the chosen packages cost before a package contained in another was taken out (分, whole period). */
  listPrice?: number
}

/**
 * Who pays what, per year and for the whole period, with the policy lines (减免, 补助) and the
 * resident's own share in large type. All amounts come from the quote, in 分. A one-year quote has
 * one amount column; 财政补助 shows only when a policy moves money to it.
 */
export function FeeTable({ quote, testId = 'fee-table', personName, listPrice, status }: Props) {
  const years = quote.years || 1
  const perYear = (fen: number) => Math.round(fen / years)
  const payers = PAYERS.filter((payer) => payer !== 'fiscal' || quote.totals.fiscal !== 0)
  const Amounts = ({ fen }: { fen: number }) =>
    years > 1 ? (
      <>
        <View className='fees__num'>{formatYuan(perYear(fen))}</View>
        <View className='fees__num'>{formatYuan(fen)}</View>
      </>
    ) : (
      <View className='fees__num'>{formatYuan(fen)}</View>
    )
  return (
    <View className='fees' data-testid={testId}>
      <View className='fees__row fees__row--head'>
        <View className='fees__name'>谁来支付</View>
        {years > 1 ? (
          <>
            <View className='fees__num'>每年</View>
            <View className='fees__num'>{years}年合计</View>
          </>
        ) : (
          <View className='fees__num'>金额（元）</View>
        )}
      </View>
      {payers.map((payer) => (
        <View className={`fees__row ${payer === 'selfPay' ? 'fees__row--self' : ''}`} key={payer} data-testid={`fee-${payer}`}>
          <View className='fees__name'>{payerLabel(payer)}</View>
          <Amounts fen={quote.totals[payer]} />
        </View>
      ))}
      <View className='fees__row fees__row--total' data-testid='fee-total'>
        <View className='fees__name'>合计</View>
        <Amounts fen={quote.totals.total} />
      </View>

      <View className='fees__section'>包含服务包{years > 1 ? `（${years}年）` : ''}</View>
      {packageRows(quote).map((row) => (
        <View className='fees__line' key={row.code}>
          <View>{row.name}</View>
          <View>{formatYuan(row.amount)}</View>
        </View>
      ))}
      {listPrice !== undefined && listPrice > quote.totals.total && (
        <View className='note' data-testid='fee-overlap'>
          为什么比各包标价加起来便宜：个性化服务包里已经包含了每人都有的基本公卫服务，这部分只算一次，已减去 {formatYuan(listPrice - quote.totals.total)} 元。
        </View>
      )}

      {quote.policyLines.length > 0 && <View className='fees__section'>优惠政策</View>}
      {quote.policyLines.map((line, index) => (
        <View className='fees__line fees__line--policy' key={index} data-testid='fee-policy'>
          <View>
            {line.description}（{payerLabel(line.fromPayer)} → {payerLabel(line.toPayer)}）
          </View>
          <View>{formatYuan(line.amount)}</View>
        </View>
      ))}

      <View className='fees__section'>这些钱是谁出的？</View>
      <View data-testid='fee-explained'>
        {payers.map((payer) => (
          <View className='muted' key={payer}>
            <Text style={{ fontWeight: 700 }}>{payerLabel(payer)}：</Text>
            {PAYER_EXPLANATIONS[payer]}
          </View>
        ))}
      </View>

      <SelfPay quote={quote} personName={personName} status={status} />
    </View>
  )
}

/** The own share in large type, or, for a contract that did not start or has ended, that nothing is due. */
function SelfPay({ quote, personName, status }: { quote: Quote; personName?: string; status?: string }) {
  const years = quote.years || 1
  // An active contract's share may be paid already: it is named as the share, not as a bill.
  const share = status === 'active' ? '个人自付' : '个人需支付'
  const whose = personName ? `${personName}${share}` : `您${share}`
  if (status === 'rejected') {
    return (
      <View className='note' data-testid='fee-selfpay'>
        这份签约没有通过，不收任何费用。
      </View>
    )
  }
  if (status === 'terminated' || status === 'expired') {
    return (
      <View className='note' data-testid='fee-selfpay'>
        这份签约已{status === 'terminated' ? '解约' : '到期'}，不再收取费用。签约时个人自付 {formatYuan(quote.totals.selfPay)}{' '}
        元；如已缴费、想问退费，请联系签约机构。
      </View>
    )
  }
  return (
    <View>
      <View className='fees__self' data-testid='fee-selfpay'>
        {whose} <Text className='fees__self-amount'>{formatYuan(quote.totals.selfPay)}</Text> 元
        {years > 1 && (
          <View className='fees__self-note'>
            （{years}年合计，每年 {formatYuan(Math.round(quote.totals.selfPay / years))} 元）
          </View>
        )}
      </View>
      {quote.totals.selfPay > 0 && (
        <View className='muted' data-testid='fee-how-to-pay'>
          {status === 'active' ? HOW_TO_PAY_ACTIVE : HOW_TO_PAY}
        </View>
      )}
    </View>
  )
}
