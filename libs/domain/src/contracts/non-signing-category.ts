/**
 * Why a resident of the area is not signed (domain.md §5), in the categories the commissions count
 * so that "应签尽签" coverage excludes them honestly. Only a refusal needs the signed 知情告知书.
 * @example NON_SIGNING_CATEGORY_LABELS.unreachable // → '失联'
 */
export const NON_SIGNING_CATEGORIES = ['refused', 'unreachable', 'imprisoned', 'deceased', 'movedAway'] as const;
export type NonSigningCategory = (typeof NON_SIGNING_CATEGORIES)[number];

export const NON_SIGNING_CATEGORY_LABELS: Record<NonSigningCategory, string> = {
  refused: '拒签',
  unreachable: '失联',
  imprisoned: '入狱',
  deceased: '死亡',
  movedAway: '外出/迁出',
};

/**
 * True when x is a non-signing category code.
 * @example isNonSigningCategory('deceased') // → true
 */
export function isNonSigningCategory(x: unknown): x is NonSigningCategory {
  return typeof x === 'string' && (NON_SIGNING_CATEGORIES as readonly string[]).includes(x);
}
