import { ok, refuse, type Result } from '../result';
import { ageOn } from '../person/age';
import { effectiveTags, isKeyGroupTag, type KeyGroupTag } from '../person/key-groups';

/** Who a push is for. Every given dimension must hold; `tags` holds when the person has any of them. */
export interface PushAudience {
  institutionId?: string;
  teamId?: string;
  tags?: KeyGroupTag[];
  minAge?: number;
  maxAge?: number;
  sex?: 'male' | 'female';
  /** true: residents with an active contract only; otherwise every registered resident of the area. */
  signedOnly?: boolean;
}

/** What targeting needs to know about one person (declared tags decrypted by the caller). */
export interface AudienceFacts {
  birthDate: string;
  gender: 'male' | 'female';
  declaredTags: readonly string[];
}

export const AUDIENCE_MAX_AGE = 120;

/**
 * Checks an audience as sent: ages whole and in order, tags known, an area given.
 * @example checkAudience({ teamId: 't1', minAge: 70, maxAge: 60 }) // → refusal PUSH.AUDIENCE_AGE
 */
export function checkAudience(audience: PushAudience): Result<PushAudience> {
  if (!audience.institutionId && !audience.teamId) return refuse('PUSH.AUDIENCE_AREA', '请选择推送的机构或团队', 'audience.teamId');
  for (const field of ['minAge', 'maxAge'] as const) {
    const age = audience[field];
    if (age !== undefined && (!Number.isInteger(age) || age < 0 || age > AUDIENCE_MAX_AGE)) {
      return refuse('PUSH.AUDIENCE_AGE', `年龄应为0到${AUDIENCE_MAX_AGE}之间的整数`, `audience.${field}`);
    }
  }
  if (audience.minAge !== undefined && audience.maxAge !== undefined && audience.minAge > audience.maxAge) {
    return refuse('PUSH.AUDIENCE_AGE', '最小年龄不能大于最大年龄', 'audience.maxAge');
  }
  const unknown = (audience.tags ?? []).find((tag) => !isKeyGroupTag(tag));
  if (unknown !== undefined) return refuse('PUSH.AUDIENCE_TAG', `重点人群标签不正确：${unknown}`, 'audience.tags');
  return ok({ ...audience, tags: audience.tags && [...new Set(audience.tags)] });
}

/**
 * The birth dates a person must fall between (inclusive) to be of age minAge..maxAge on `on`:
 * lets the database narrow by the plain birth date before tags are decrypted.
 * @example birthDateRange(60, 69, '2026-06-01') // → { from: '1956-06-02', to: '1966-06-01' }
 */
export function birthDateRange(minAge: number | undefined, maxAge: number | undefined, on: string): { from?: string; to?: string } {
  const [year, month, day] = on.split('-').map(Number);
  const shift = (years: number) => {
    const date = new Date(Date.UTC(year - years, month - 1, day));
    // 29 February in a common year: a birthday on 1 March already counts (see ageOn).
    if (date.getUTCMonth() !== month - 1) date.setUTCDate(0);
    return date.toISOString().slice(0, 10);
  };
  const range: { from?: string; to?: string } = {};
  if (minAge !== undefined) range.to = shift(minAge);
  if (maxAge !== undefined) {
    const earliest = new Date(`${shift(maxAge + 1)}T00:00:00Z`);
    earliest.setUTCDate(earliest.getUTCDate() + 1);
    range.from = earliest.toISOString().slice(0, 10);
  }
  return range;
}

/**
 * Whether a person is in the audience on a date, for the dimensions that are about the person
 * (area and contract are the database's part). Age tags are derived from the birth date.
 * @example matchesAudience({ birthDate: '1950-01-01', gender: 'male', declaredTags: [] }, { tags: ['elderly65'] }, '2026-01-01') // → true
 */
export function matchesAudience(person: AudienceFacts, audience: PushAudience, on: string): boolean {
  const age = ageOn(person.birthDate, on);
  if (audience.minAge !== undefined && age < audience.minAge) return false;
  if (audience.maxAge !== undefined && age > audience.maxAge) return false;
  if (audience.sex && person.gender !== audience.sex) return false;
  if (audience.tags && audience.tags.length > 0) {
    const held = new Set(effectiveTags(person.birthDate, person.declaredTags, on));
    if (!audience.tags.some((tag) => held.has(tag))) return false;
  }
  return true;
}
