import { DataSource } from 'typeorm';
import { Period, POPULATION_GROUPS, PopulationGroup } from '@jiayi/domain';
import { ANY_GROUP, pushQuarterBounds } from './activity-measures';
import { planTallies } from './plan-items';
import { quarterBit } from './push-rollup';

/** What a count is taken over: the period, the day signed residents are counted on, today, and the period before. */
export interface CountWindow {
  period: Period;
  day: string;
  today: string;
  previous: Period;
}

/** A WHERE fragment over `contract_facts f` with its positional parameters. */
export interface Predicate {
  sql: string;
  params: unknown[];
}

const and = (...parts: Predicate[]): Predicate => ({ sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) });
const not = (p: Predicate): Predicate => ({ sql: `NOT (${p.sql})`, params: p.params });

/** The predicates the indicators are made of; the drill-down lists the rows of the same predicates. */
export const facts = {
  /** Signed on the counting day. */
  inForce: (w: CountWindow): Predicate => ({ sql: 'f.signedFrom <= ? AND f.signedUntil > ?', params: [w.day, w.day] }),
  inGroup: (code: PopulationGroup): Predicate => ({ sql: `(f.groupMask & ${POPULATION_GROUPS.find((g) => g.code === code)!.bit}) <> 0`, params: [] }),
  inAnyGroup: (): Predicate => ({ sql: `(f.groupMask & ${POPULATION_GROUPS.reduce((m, g) => m | g.bit, 0)}) <> 0`, params: [] }),
  paid: (): Predicate => ({ sql: 'f.paid = 1', params: [] }),
  /** Reached its end date inside the period (before today), not cut short by a termination. */
  ended: (w: CountWindow): Predicate => ({
    sql: 'f.endDate >= ? AND f.endDate <= ? AND f.endDate < ? AND f.signedUntil > f.endDate',
    params: [w.period.from, w.period.to, w.today],
  }),
  renewed: (): Predicate => ({ sql: 'f.renewed = 1', params: [] }),
  /** The person's first contract, started in the previous period (新签). */
  newInPrevious: (w: CountWindow): Predicate => ({
    sql: 'f.firstSigning = 1 AND f.signedFrom >= ? AND f.signedFrom <= ?',
    params: [w.previous.from, w.previous.to],
  }),
  /** A current service record of the person of one type inside the period (up to the counting day). */
  served: (w: CountWindow, type: 'healthCheck' | 'followUp', extra = ''): Predicate => ({
    sql: `EXISTS (SELECT 1 FROM service_records s WHERE s.personId = f.personId AND s.type = '${type}' AND s.serviceDate >= ? AND s.serviceDate <= ? AND s.current = 1${extra})`,
    params: [w.period.from, w.day],
  }),
  /** At least four current follow-ups in the period (规范管理). */
  followedUpFourTimes: (w: CountWindow): Predicate => ({
    sql: "(SELECT COUNT(*) FROM service_records s WHERE s.personId = f.personId AND s.type = 'followUp' AND s.serviceDate >= ? AND s.serviceDate <= ? AND s.current = 1) >= 4",
    params: [w.period.from, w.day],
  }),
  /** The latest follow-up of the period with a reading of this kind met the control target. */
  latestOnTarget: (w: CountWindow, column: 'bloodPressureOnTarget' | 'glucoseOnTarget'): Predicate => ({
    sql: `(SELECT s.${column} FROM service_records s WHERE s.personId = f.personId AND s.type = 'followUp' AND s.serviceDate >= ? AND s.serviceDate <= ?
      AND s.current = 1 AND s.${column} IS NOT NULL ORDER BY s.serviceDate DESC, s.createdAt DESC, s.id DESC LIMIT 1) = 1`,
    params: [w.period.from, w.day],
  }),
  /** A push published in the quarter of the counting day was sent to the person (their feed): 推送覆盖率. */
  pushedInQuarter: (w: CountWindow): Predicate => ({
    sql: `EXISTS (SELECT 1 FROM push_targets pt JOIN pushes p ON p.id = pt.pushId WHERE pt.personId = f.personId
      AND p.status IN ('published', 'withdrawn') AND p.publishAt >= ? AND p.publishAt < ?)`,
    params: pushQuarterBounds(w),
  }),
  /**
   * A push of the counting day's quarter reached the person (推送覆盖率's numerator as the dashboard
   * counts it; pushedInQuarter is the same from the pushes, for the drill-down): read from the fact's
   * push columns, which the roll-up keeps; a fact that holds a later year's reach looks the person-year row up.
   */
  reachedInQuarter: (w: CountWindow): Predicate => {
    const year = Number(w.day.slice(0, 4));
    const bit = quarterBit(w.day);
    return {
      sql: `CASE WHEN f.pushYear = ? THEN (f.pushQuarters & ${bit}) <> 0 WHEN f.pushYear < ? THEN 0
        ELSE EXISTS (SELECT 1 FROM service_person_years py WHERE py.personId = f.personId AND py.year = ? AND (py.pushQuarters & ${bit}) <> 0) END`,
      params: [year, year, year],
    };
  },
  /**
   * The person holds some contract on the counting day — read on the person's first fact (新增接续率):
   * inside the unbroken coverage it keeps, or, only for people signed again after a gap (or facts
   * not yet given their coverage), through their other facts.
   */
  stillSigned: (w: CountWindow): Predicate => ({
    sql: `(f.signedFrom <= ? AND f.coveredUntil > ?) OR ((f.coverageGaps = 1 OR f.coveredUntil IS NULL)
      AND EXISTS (SELECT 1 FROM contract_facts g WHERE g.personId = f.personId AND g.signedFrom <= ? AND g.signedUntil > ?))`,
    params: [w.day, w.day, w.day, w.day],
  }),
};

/** The person-level parts of each contract indicator: who is in the numerator, who makes up the gap. */
export interface ContractMeasure {
  numerator: (w: CountWindow) => Predicate;
  /** What one numerator row counts for (default 1): a person in two key groups counts in both. */
  weight?: string;
  denominator?: (w: CountWindow) => Predicate;
  numeratorLabel: string;
  gapLabel?: string;
}

const groupMeasures = Object.fromEntries(
  POPULATION_GROUPS.map((g) => [
    `keyGroupSigning.${g.code}`,
    {
      numerator: (w: CountWindow) => and(facts.inForce(w), facts.inGroup(g.code)),
      numeratorLabel: `签约的${g.label}`,
    } satisfies ContractMeasure,
  ]),
);

const signedIn = (code: PopulationGroup) => (w: CountWindow) => and(facts.inForce(w), facts.inGroup(code));
const controlled = (code: PopulationGroup, column: 'bloodPressureOnTarget' | 'glucoseOnTarget', label: string): ContractMeasure => {
  const followedUp = (w: CountWindow) => and(signedIn(code)(w), facts.served(w, 'followUp', ` AND s.${column} IS NOT NULL`));
  return {
    numerator: (w) => and(followedUp(w), facts.latestOnTarget(w, column)),
    denominator: followedUp,
    numeratorLabel: `最近一次随访${label}达标的患者`,
    gapLabel: `最近一次随访${label}未达标的患者`,
  };
};

export const CONTRACT_MEASURES: Record<string, ContractMeasure> = {
  signing: { numerator: facts.inForce, numeratorLabel: '签约居民' },
  keyGroupSigning: {
    numerator: (w) => and(facts.inForce(w), facts.inAnyGroup()),
    weight: POPULATION_GROUPS.map((g) => `(CASE WHEN (f.groupMask & ${g.bit}) <> 0 THEN 1 ELSE 0 END)`).join(' + '),
    numeratorLabel: '签约的重点人群',
  },
  ...groupMeasures,
  continuation: {
    numerator: (w) => and(facts.newInPrevious(w), facts.stillSigned(w)),
    denominator: facts.newInPrevious,
    numeratorLabel: '上期新签、本期仍签约的居民',
    gapLabel: '上期新签、本期未再签约的居民',
  },
  saturation: { numerator: facts.inForce, numeratorLabel: '签约居民' },
  paidShare: {
    numerator: (w) => and(facts.inForce(w), facts.paid()),
    denominator: facts.inForce,
    numeratorLabel: '付费签约的居民',
    gapLabel: '未付费的签约居民',
  },
  renewal: {
    numerator: (w) => and(facts.ended(w), facts.renewed()),
    denominator: facts.ended,
    numeratorLabel: '已续约的到期协议',
    gapLabel: '到期未续约的协议',
  },
  healthCheck: {
    numerator: (w) => and(signedIn('elderly65')(w), facts.served(w, 'healthCheck')),
    denominator: signedIn('elderly65'),
    numeratorLabel: '已体检的签约老年人',
    gapLabel: '尚未体检的签约老年人',
  },
  'managed.hypertension': {
    numerator: (w) => and(signedIn('hypertension')(w), facts.followedUpFourTimes(w)),
    denominator: signedIn('hypertension'),
    numeratorLabel: '随访满4次的高血压患者',
    gapLabel: '随访不足4次的高血压患者',
  },
  'managed.diabetes2': {
    numerator: (w) => and(signedIn('diabetes2')(w), facts.followedUpFourTimes(w)),
    denominator: signedIn('diabetes2'),
    numeratorLabel: '随访满4次的糖尿病患者',
    gapLabel: '随访不足4次的糖尿病患者',
  },
  'control.hypertension': controlled('hypertension', 'bloodPressureOnTarget', '血压'),
  'control.diabetes2': controlled('diabetes2', 'glucoseOnTarget', '血糖'),
  pushCoverage: {
    numerator: (w) => and(facts.inForce(w), facts.inAnyGroup(), facts.pushedInQuarter(w)),
    denominator: (w) => and(facts.inForce(w), facts.inAnyGroup()),
    numeratorLabel: '本季度已推送资讯的签约重点人群',
    gapLabel: '本季度尚未推送资讯的签约重点人群',
  },
};

/**
 * The service measures read from the yearly roll-up `service_person_years r` (joined on the
 * person and the year) instead of the records: the same people as CONTRACT_MEASURES, for a window
 * that is one whole calendar year (see `rolledUpYear`).
 */
const rolled = {
  checked: { sql: 'r.checks > 0', params: [] } as Predicate,
  fourFollowUps: { sql: 'r.followUps >= 4', params: [] } as Predicate,
  reading: (column: 'bloodPressureLatest' | 'glucoseLatest'): Predicate => ({ sql: `r.${column} IS NOT NULL`, params: [] }),
  onTarget: (column: 'bloodPressureLatest' | 'glucoseLatest'): Predicate => ({ sql: `r.${column} = 1`, params: [] }),
};

export const ROLLED_SERVICE_MEASURES: Record<ServiceMeasureCode, { numerator: (w: CountWindow) => Predicate; denominator: (w: CountWindow) => Predicate }> = {
  healthCheck: { numerator: (w) => and(signedIn('elderly65')(w), rolled.checked), denominator: signedIn('elderly65') },
  'managed.hypertension': { numerator: (w) => and(signedIn('hypertension')(w), rolled.fourFollowUps), denominator: signedIn('hypertension') },
  'managed.diabetes2': { numerator: (w) => and(signedIn('diabetes2')(w), rolled.fourFollowUps), denominator: signedIn('diabetes2') },
  'control.hypertension': {
    numerator: (w) => and(signedIn('hypertension')(w), rolled.onTarget('bloodPressureLatest')),
    denominator: (w) => and(signedIn('hypertension')(w), rolled.reading('bloodPressureLatest')),
  },
  'control.diabetes2': {
    numerator: (w) => and(signedIn('diabetes2')(w), rolled.onTarget('glucoseLatest')),
    denominator: (w) => and(signedIn('diabetes2')(w), rolled.reading('glucoseLatest')),
  },
};

/**
 * The calendar year whose roll-up answers the window: the period is that whole year (the
 * dashboard's default) and the counting day falls in it. Any other period counts the records.
 */
export function rolledUpYear(w: CountWindow): number | null {
  const year = w.period.from.slice(0, 4);
  return w.period.from === `${year}-01-01` && w.period.to === `${year}-12-31` && w.day.startsWith(year) ? Number(year) : null;
}

/** Signed key-group residents, each fact once (the denominator of 推送覆盖率, for the trend). */
export const KEY_GROUP_SIGNED: ContractMeasure = { numerator: (w) => and(facts.inForce(w), facts.inAnyGroup()), numeratorLabel: '签约的重点人群' };

/** The measures whose numerator and denominator both come from one scan of the facts (service indicators). */
export const SERVICE_MEASURE_CODES = ['healthCheck', 'managed.hypertension', 'managed.diabetes2', 'control.hypertension', 'control.diabetes2'] as const;
export type ServiceMeasureCode = (typeof SERVICE_MEASURE_CODES)[number];

/** The predicate of the gap: in the denominator and not in the numerator. */
export function gapPredicate(measure: ContractMeasure, w: CountWindow): Predicate | null {
  if (!measure.denominator || !measure.gapLabel) return null;
  const numerator = measure.numerator(w);
  const denominator = measure.denominator(w);
  return and(denominator, not(numerator));
}

/** Counts per team of one window (one scan of the area's facts). */
export interface ContractTally {
  signed: number;
  paid: number;
  ended: number;
  renewed: number;
  newPrevious: number;
  continued: number;
  /** Signed on the counting day and in at least one key group (each fact once: 推送覆盖率's denominator). */
  keyGroupSigned: number;
  /** Of those, the ones sent a push in the counting day's quarter (推送覆盖率's numerator). */
  pushReached: number;
  /** 慢病随访及时率 and 履约率 from the plan items of the same area (plan-items.ts PlanTally). */
  planDue: number;
  planTimely: number;
  planWithItems: number;
  planFulfilled: number;
  groups: Record<PopulationGroup, number>;
  services: Record<ServiceMeasureCode, { numerator: number; denominator: number }>;
}

const TALLY_KEYS = [
  'signed',
  'paid',
  'ended',
  'renewed',
  'newPrevious',
  'continued',
  'keyGroupSigned',
  'pushReached',
  'planDue',
  'planTimely',
  'planWithItems',
  'planFulfilled',
] as const;

export function emptyTally(): ContractTally {
  return {
    signed: 0,
    paid: 0,
    ended: 0,
    renewed: 0,
    newPrevious: 0,
    continued: 0,
    keyGroupSigned: 0,
    pushReached: 0,
    planDue: 0,
    planTimely: 0,
    planWithItems: 0,
    planFulfilled: 0,
    groups: Object.fromEntries(POPULATION_GROUPS.map((g) => [g.code, 0])) as Record<PopulationGroup, number>,
    services: Object.fromEntries(SERVICE_MEASURE_CODES.map((c) => [c, { numerator: 0, denominator: 0 }])) as ContractTally['services'],
  };
}

export function addTallies(into: ContractTally, more: ContractTally): ContractTally {
  const sum = emptyTally();
  for (const key of TALLY_KEYS) sum[key] = into[key] + more[key];
  for (const g of POPULATION_GROUPS) sum.groups[g.code] = into.groups[g.code] + more.groups[g.code];
  for (const c of SERVICE_MEASURE_CODES) {
    sum.services[c] = {
      numerator: into.services[c].numerator + more.services[c].numerator,
      denominator: into.services[c].denominator + more.services[c].denominator,
    };
  }
  return sum;
}

export interface AreaFilter {
  regionId: string;
  institutionId?: string;
  teamId?: string;
}

/** The area as a predicate over a table with teamId, institutionId and regionId columns (facts, plan items, referrals). */
export function areaOf(alias: string, filter: AreaFilter): Predicate {
  if (filter.teamId) return { sql: `${alias}.teamId = ?`, params: [filter.teamId] };
  if (filter.institutionId) return { sql: `${alias}.institutionId = ?`, params: [filter.institutionId] };
  return { sql: `${alias}.regionId = ?`, params: [filter.regionId] };
}

const areaWhere = (filter: AreaFilter): Predicate => areaOf('f', filter);

const sumOf = (p: Predicate, weight = '1'): Predicate => ({ sql: `SUM(CASE WHEN ${p.sql} THEN ${weight} ELSE 0 END)`, params: p.params });

/** How many area scans a region's dashboard runs at once (MariaDB runs each on its own thread). */
export const PARALLEL_SCANS = 2;

/**
 * Every contract and service count of the indicators, per team, in one pass over the area's facts
 * (an index range: the team, institution or region prefix). 新增接续率 reads the coverage kept on
 * the first fact. For a whole calendar year (the default period) 查体率 / 规范管理率 / 控制率 read
 * one `service_person_years` row per signed member of the groups concerned; for any other period
 * (or `rollUp: false`, the tests' reference) they look up the records through their
 * person+type+date index — either way only for the rows whose cheaper conditions hold. `parts`
 * (a region's institutions) splits the pass into one per part, run two at a time.
 */
export async function contractTalliesByTeam(
  dataSource: DataSource,
  filter: AreaFilter,
  w: CountWindow,
  { rollUp = true, parts }: { rollUp?: boolean; parts?: AreaFilter[] } = {},
): Promise<Map<string, ContractTally>> {
  if (parts && parts.length > 1 && dataSource.options.type !== 'better-sqlite3') {
    // The region as its institutions, two scans at a time (two cores): teams never span institutions.
    const merged = new Map<string, ContractTally>();
    const queue = [...parts];
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        for (const [teamId, tally] of await contractTalliesByTeam(dataSource, part, w, { rollUp })) merged.set(teamId, tally);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_SCANS }, worker));
    return merged;
  }
  return tallyFacts(dataSource, areaWhere(filter), w, { rollUp });
}

/** The tally snapshot bucket of a fact within its team (contract_facts.tallyBucket, team-tallies.ts). */
export const BUCKET_SQL = 'f.tallyBucket';

/**
 * The tallies of the facts matching `where`, per team — or, with `byBucket`, per team and bucket
 * (contract_facts.tallyBucket), keyed `teamId|bucket` — with the plan counts of the plan items the
 * same predicate matches (they carry the same area columns and bucket, plan-items.ts).
 */
export async function tallyFacts(
  dataSource: DataSource,
  where: Predicate,
  w: CountWindow,
  options: { rollUp?: boolean; byBucket?: boolean } = {},
): Promise<Map<string, ContractTally>> {
  const [tallies, plans] = await Promise.all([factTallies(dataSource, where, w, options), planTallies(dataSource, where, w, options.byBucket)]);
  for (const [key, plan] of plans) {
    const tally = tallies.get(key) ?? tallies.set(key, emptyTally()).get(key)!;
    Object.assign(tally, { planDue: plan.due, planTimely: plan.timely, planWithItems: plan.withItems, planFulfilled: plan.fulfilled });
  }
  return tallies;
}

/** The fact tallies alone: the year roll-up answers when it can (see talliesQuery), the records otherwise. */
async function factTallies(
  dataSource: DataSource,
  where: Predicate,
  w: CountWindow,
  { rollUp = true, byBucket = false }: { rollUp?: boolean; byBucket?: boolean },
): Promise<Map<string, ContractTally>> {
  const year = rollUp ? rolledUpYear(w) : null;
  if (year !== null) {
    const rolledUp = await talliesQuery(dataSource, where, w, year, byBucket);
    if (rolledUp) return rolledUp;
  }
  const [tallies, reached] = await Promise.all([talliesQuery(dataSource, where, w, null, byBucket), pushReachOf(dataSource, where, w, byBucket)]);
  for (const [key, count] of reached) {
    const tally = tallies!.get(key);
    if (tally) tally.pushReached = count;
  }
  return tallies!;
}

/**
 * 推送覆盖率's numerator of the facts matching `where`, keyed as tallyFacts: also what a tally
 * snapshot counts again when only pushes changed (team-tallies.ts) — for a team list, one range of
 * the team index, which holds the push columns.
 */
export async function pushReachOf(dataSource: DataSource, where: Predicate, w: CountWindow, byBucket: boolean): Promise<Map<string, number>> {
  const reached = sumOf(facts.reachedInQuarter(w));
  const rows: { teamId: string; bucket?: number | string; reached: string | number }[] = await dataSource.query(
    `SELECT f.teamId AS teamId${byBucket ? `, ${BUCKET_SQL} AS bucket` : ''}, ${reached.sql} AS reached
       FROM contract_facts f
      WHERE (${where.sql}) AND f.signedFrom <= ? AND f.signedUntil > ? AND (f.groupMask & ${ANY_GROUP}) <> 0
      GROUP BY f.teamId${byBucket ? `, ${BUCKET_SQL}` : ''}`,
    [...reached.params, ...where.params, w.day, w.day],
  );
  return new Map(rows.map((r) => [byBucket ? `${r.teamId}|${Number(r.bucket)}` : String(r.teamId), Number(r.reached)]));
}

/**
 * The tallies in one pass. With a year, the service measures and 推送覆盖率 read the person's
 * roll-up row of that year (joined only for signed members of a key group); a roll-up row holding a record
 * dated after the counting day (a back-dated window) makes it answer null, and the records are
 * counted instead.
 */
async function talliesQuery(
  dataSource: DataSource,
  where: Predicate,
  w: CountWindow,
  year: number | null,
  byBucket: boolean,
): Promise<Map<string, ContractTally> | null> {
  const service = (code: ServiceMeasureCode) =>
    year === null ? { numerator: CONTRACT_MEASURES[code].numerator, denominator: CONTRACT_MEASURES[code].denominator! } : ROLLED_SERVICE_MEASURES[code];
  const columns: [string, Predicate][] = [
    ['signed', facts.inForce(w)],
    ['paid', and(facts.inForce(w), facts.paid())],
    ['ended', facts.ended(w)],
    ['renewed', and(facts.ended(w), facts.renewed())],
    ['newPrevious', facts.newInPrevious(w)],
    ['continued', and(facts.newInPrevious(w), facts.stillSigned(w))],
    ['keyGroupSigned', and(facts.inForce(w), facts.inAnyGroup())],
    ...(year === null ? [] : ([['pushReached', and(facts.inForce(w), facts.inAnyGroup(), facts.reachedInQuarter(w))]] as [string, Predicate][])),
    ...POPULATION_GROUPS.map((g): [string, Predicate] => [`g_${g.code}`, and(facts.inForce(w), facts.inGroup(g.code))]),
    ...SERVICE_MEASURE_CODES.flatMap((code, i): [string, Predicate][] => [
      [`s${i}n`, service(code).numerator(w)],
      [`s${i}d`, service(code).denominator(w)],
    ]),
    ...(year === null ? [] : ([['stale', { sql: 'r.lastServiceDate > ?', params: [w.day] }]] as [string, Predicate][])),
  ];
  const select = columns.map(([alias, p]) => ({ sql: `${sumOf(p).sql} AS ${alias}`, params: p.params }));
  const join: Predicate =
    year === null
      ? { sql: '', params: [] }
      : {
          sql: `LEFT JOIN service_person_years r ON r.personId = f.personId AND r.year = ? AND (f.groupMask & ${ANY_GROUP}) <> 0 AND f.signedFrom <= ? AND f.signedUntil > ?`,
          params: [year, w.day, w.day],
        };
  const bucket = byBucket ? `, ${BUCKET_SQL}` : '';
  const rows: Record<string, string | number>[] = await dataSource.query(
    `SELECT f.teamId AS teamId${bucket ? `${bucket} AS bucket` : ''}, ${select.map((s) => s.sql).join(', ')} FROM contract_facts f ${join.sql} WHERE ${where.sql} GROUP BY f.teamId${bucket}`,
    [...select.flatMap((s) => s.params), ...join.params, ...where.params],
  );
  if (year !== null && rows.some((row) => Number(row.stale ?? 0) > 0)) return null;
  const result = new Map<string, ContractTally>();
  for (const row of rows) {
    const tally = emptyTally();
    for (const key of TALLY_KEYS) tally[key] = Number(row[key] ?? 0);
    for (const g of POPULATION_GROUPS) tally.groups[g.code] = Number(row[`g_${g.code}`] ?? 0);
    SERVICE_MEASURE_CODES.forEach((code, i) => {
      tally.services[code] = { numerator: Number(row[`s${i}n`] ?? 0), denominator: Number(row[`s${i}d`] ?? 0) };
    });
    result.set(byBucket ? `${row.teamId}|${Number(row.bucket)}` : String(row.teamId), tally);
  }
  return result;
}

/** A tally as a flat list of numbers (the snapshot's stored form), in a fixed order. */
export function tallyToList(tally: ContractTally): number[] {
  return [
    ...TALLY_KEYS.map((k) => tally[k]),
    ...POPULATION_GROUPS.map((g) => tally.groups[g.code]),
    ...SERVICE_MEASURE_CODES.flatMap((c) => [tally.services[c].numerator, tally.services[c].denominator]),
  ];
}

/** The inverse of tallyToList. */
export function tallyFromList(list: readonly number[]): ContractTally {
  const tally = emptyTally();
  let i = 0;
  for (const k of TALLY_KEYS) tally[k] = list[i++];
  for (const g of POPULATION_GROUPS) tally.groups[g.code] = list[i++];
  for (const c of SERVICE_MEASURE_CODES) tally.services[c] = { numerator: list[i++], denominator: list[i++] };
  return tally;
}

/** How many numbers tallyToList gives (a snapshot of another length was written by other code). */
export const TALLY_LIST_LENGTH = TALLY_KEYS.length + POPULATION_GROUPS.length + SERVICE_MEASURE_CODES.length * 2;

/**
 * Numerator and denominator predicates of one measure over several windows, summed over the area
 * in one scan (the monthly trend).
 */
export async function measureOverWindows(
  dataSource: DataSource,
  filter: AreaFilter,
  measure: ContractMeasure,
  windows: CountWindow[],
): Promise<{ numerator: number; denominator: number | null }[]> {
  const select: Predicate[] = windows.flatMap((w, i) => [
    { sql: `${sumOf(measure.numerator(w), measure.weight).sql} AS n${i}`, params: measure.numerator(w).params },
    ...(measure.denominator ? [{ sql: `${sumOf(measure.denominator(w)).sql} AS d${i}`, params: measure.denominator(w).params }] : []),
  ]);
  const where = areaWhere(filter);
  const [row] = await dataSource.query(`SELECT ${select.map((s) => s.sql).join(', ')} FROM contract_facts f WHERE ${where.sql}`, [
    ...select.flatMap((s) => s.params),
    ...where.params,
  ]);
  return windows.map((_, i) => ({ numerator: Number(row?.[`n${i}`] ?? 0), denominator: measure.denominator ? Number(row?.[`d${i}`] ?? 0) : null }));
}

/** The rows of a predicate within the area, paged, for the drill-down. */
export async function factRows(
  dataSource: DataSource,
  filter: AreaFilter,
  predicate: Predicate,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: { contractId: string; personId: string; teamId: string; signedFrom: string; endDate: string }[] }> {
  const where = areaWhere(filter);
  const condition = `${where.sql} AND (${predicate.sql})`;
  const params = [...where.params, ...predicate.params];
  const [{ total }] = await dataSource.query(`SELECT COUNT(*) AS total FROM contract_facts f WHERE ${condition}`, params);
  const rows = await dataSource.query(
    `SELECT f.contractId AS contractId, f.personId AS personId, f.teamId AS teamId, f.signedFrom AS signedFrom, f.endDate AS endDate
     FROM contract_facts f WHERE ${condition} ORDER BY f.teamId, f.signedFrom, f.contractId LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return { total: Number(total), rows };
}
