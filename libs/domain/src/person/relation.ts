/** How a person managed by an account relates to its holder (`self` is the holder). */
export const RELATIONS = ['self', 'spouse', 'parent', 'child', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Relations a family member may be given (everyone but the holder). */
export const FAMILY_RELATIONS = ['spouse', 'parent', 'child', 'other'] as const satisfies readonly Relation[];
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

export const RELATION_LABELS: Record<Relation, string> = {
  self: '本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  other: '其他',
};
