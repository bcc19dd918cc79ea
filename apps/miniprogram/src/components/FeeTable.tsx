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

interface Props {
  quote: Quote
  testId?: string
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
export function FeeTable({ quote, testId = 'fee-table', personName, listPrice }: Props) {
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
        <View className='muted' data-testid='fee-overlap'>
          个性包里已含基本公卫服务包，重复的部分只收一次，已减去 {formatYuan(listPrice - quote.totals.total)} 元。
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

      <View className='fees__self' data-testid='fee-selfpay'>
        {personName ? `${personName}个人需支付` : '您个人需支付'} <Text className='fees__self-amount'>{formatYuan(quote.totals.selfPay)}</Text> 元
        {years > 1 && <View className='fees__self-note'>（{years}年合计，每年 {formatYuan(perYear(quote.totals.selfPay))} 元）</View>}
      </View>
    </View>
  )
}
