/** Categories of a health information push (domain.md §8), in display order. */
export const PUSH_CATEGORIES = ['chronicDisease', 'elderlyCare', 'maternalChild', 'tcm', 'policy', 'vaccination'] as const;
export type PushCategory = (typeof PUSH_CATEGORIES)[number];

export const PUSH_CATEGORY_LABELS: Record<PushCategory, string> = {
  chronicDisease: '慢病管理',
  elderlyCare: '老年保健',
  maternalChild: '母婴健康',
  tcm: '中医养生',
  policy: '政策宣传',
  vaccination: '疫苗接种',
};

/**
 * True when x is a push category code.
 * @example isPushCategory('tcm') // → true; isPushCategory('中医养生') // → false
 */
export function isPushCategory(x: unknown): x is PushCategory {
  return typeof x === 'string' && (PUSH_CATEGORIES as readonly string[]).includes(x);
}
