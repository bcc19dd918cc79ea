/**
 * An instant with its zone ('…T16:00:00.000Z', '…+08:00') as China time, '2026-03-06T00:00';
 * a plain date or a time without a zone is left as sent. The API sends instants in UTC, and their
 * date part alone would show a wave opening at midnight in China as the day before.
 */
function inChina(iso: string): string {
  if (!/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(iso)) return iso
  const time = new Date(iso).getTime()
  if (Number.isNaN(time)) return iso
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 16)
}

/** '2026-03-05T01:30:00Z' → '2026-03-05 09:30' (China time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(inChina(iso))
  if (!match) return iso
  return match[2] ? `${match[1]} ${match[2]}` : match[1]
}

/** '2026-03-05…' → '2026年3月5日' (an instant: its date in China). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(inChina(iso))
  if (!match) return iso
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`
}

/** A fraction 0.873 → '87.3%'. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—'
  return `${(fraction * 100).toFixed(1)}%`
}

/** A typed amount in 元 ('12', '12.5', '12.50') as fen; undefined when it is not one. */
export function parseYuanText(text: string): number | undefined {
  const trimmed = text.trim()
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(trimmed)) return undefined
  const [whole, fraction = ''] = trimmed.split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
}
