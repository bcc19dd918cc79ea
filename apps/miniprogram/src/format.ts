/** '2026-03-05T09:30:00+08:00' → '2026-03-05 09:30' (the text as sent, no time-zone shifting). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso)
  if (!match) return iso
  return match[2] ? `${match[1]} ${match[2]}` : match[1]
}

/** '2026-03-05…' → '2026年3月5日'. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`
}

/** A fraction 0.873 → '87.3%'. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—'
  return `${(fraction * 100).toFixed(1)}%`
}
