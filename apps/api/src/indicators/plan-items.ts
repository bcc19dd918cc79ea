import { DataSource, EntityManager, In } from 'typeorm';
import { closedBy, IndicatorCounts } from '@jiayi/domain';
import { columnCipher } from '../common/column-cipher';
import type { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { contractPlans, PlannedService } from '../services/service-plans.service';
import { ServicePlanItem } from './plan-item.entity';
import { areaOf, type AreaFilter, type CountWindow, type Predicate } from './contract-measures';
import { bumpBuckets, tallyBucketOf } from './tally-buckets';
import { dayText } from '../database/columns';

/** 慢病随访及时率 and 履约率 of one area. */
export type PlanCounts = { followUpTimeliness: IndicatorCounts; fulfilment: IndicatorCounts };

/** The two indicators counted from the plan-item facts. */
export const PLAN_INDICATORS = ['followUpTimeliness', 'fulfilment'] as const;
export type PlanIndicatorCode = (typeof PLAN_INDICATORS)[number];
export const isPlanIndicator = (code: string): code is PlanIndicatorCode => (PLAN_INDICATORS as readonly string[]).includes(code);

const isMariaDb = (manager: EntityManager | DataSource) => (manager instanceof DataSource ? manager : manager.connection).options.type !== 'better-sqlite3';

/**
 * Takes the row locks of contracts whose plan items a write is about to rewrite, in id order.
 * A service write calls it right after its person-year locks and before inserting the record, so
 * two writes of one contract's services rewrite its items one after the other.
 */
export async function lockPlanContracts(manager: EntityManager, contractIds: readonly (string | null)[]): Promise<void> {
  const ids = [...new Set(contractIds.filter((id): id is string => !!id))].sort();
  if (ids.length === 0 || !isMariaDb(manager)) return;
  await manager.query(`SELECT id FROM contracts WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`, ids);
}

/**
 * Rewrites the plan items of contracts from their plan (the contract, the person's key groups,
 * the region's packages) and their current service records — the same derivation the staff and
 * residents see (services/service-plans.service.ts). Called in the transaction of every write that
 * changes them: a contract confirmed, signed on site or terminated (with its renewal), a service
 * recorded or corrected, a person's birth date or declared tags changed (also by withdrawing the
 * consent or closing the account). A catalogue edit changes none: a contract keeps its packages as
 * signed (packages/package-versions.ts). Contracts and records are read with locking reads on MariaDB (the latest
 * committed rows, whatever the transaction's snapshot); a contract not (or no longer) planned keeps
 * no items.
 */
export async function refreshPlanItems(
  manager: EntityManager,
  contractIds: readonly (string | null)[],
  cipher: PiiCipher = columnCipher(),
  catalogOptions: { versions?: boolean } = {},
): Promise<void> {
  const ids = [...new Set(contractIds.filter((id): id is string => !!id))].sort();
  if (ids.length === 0) return;
  const mariadb = isMariaDb(manager);
  const contractQuery = manager.createQueryBuilder(Contract, 'c').where('c.id IN (:...ids)', { ids }).orderBy('c.id');
  if (mariadb) contractQuery.setLock('pessimistic_write');
  const contracts = await contractQuery.getMany();
  const marks = ids.map(() => '?').join(', ');
  const services: PlannedService[] = (
    await manager.query(
      `SELECT id, contractId, type, serviceDate, planItemId FROM service_records WHERE contractId IN (${marks}) AND current = 1${mariadb ? ' FOR UPDATE' : ''}`,
      ids,
    )
  ).map((r: Record<string, unknown>) => ({
    id: String(r.id),
    contractId: String(r.contractId),
    type: r.type as PlannedService['type'],
    serviceDate: dayText(r.serviceDate),
    planItemId: r.planItemId === null || r.planItemId === undefined ? null : String(r.planItemId),
  }));
  const dateOf = new Map(services.map((s) => [s.id, s.serviceDate]));
  // The states depend on "today" only for open items; the rows keep what does not (done and when).
  const plans = await contractPlans(manager, cipher, contracts, '9999-12-31', services, catalogOptions);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  await manager.delete(ServicePlanItem, { contractId: In(ids) });
  const rows: ServicePlanItem[] = plans.flatMap((plan) => {
    const c = byId.get(plan.contractId)!;
    return plan.items.map((item) => ({
      id: item.id,
      contractId: c.id,
      personId: c.personId,
      regionId: c.regionId,
      institutionId: c.institutionId,
      teamId: c.teamId,
      type: item.type,
      source: item.source,
      windowStart: item.windowStart,
      windowEnd: item.windowEnd,
      doneOn: item.serviceId ? (dateOf.get(item.serviceId) ?? null) : null,
      serviceId: item.serviceId,
      tallyBucket: tallyBucketOf(c.personId),
    }));
  });
  for (let i = 0; i < rows.length; i += 500) await manager.insert(ServicePlanItem, rows.slice(i, i + 500));
  // The plan counts are part of the tally snapshots: the buckets of the rewritten contracts are stale.
  await bumpBuckets(
    manager,
    contracts.map((c) => `${c.teamId}|${tallyBucketOf(c.personId)}`),
  );
}

/** Rewrites the plan items of every contract of the persons (a confirmation may also end the person's other contract). */
export async function refreshPersonPlanItems(manager: EntityManager, personIds: readonly string[], cipher: PiiCipher = columnCipher()): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const contracts: { id: string }[] = await manager.query(`SELECT id FROM contracts WHERE personId IN (${ids.map(() => '?').join(', ')})`, ids);
  await refreshPlanItems(
    manager,
    contracts.map((c) => c.id),
    cipher,
  );
}

/**
 * Fills `service_plan_items` from every planned contract and its records (the migration, and data
 * loaded without the API such as the benchmark's), 500 contracts at a time.
 */
export async function backfillPlanItems(
  manager: EntityManager,
  cipher: PiiCipher = columnCipher(),
  catalogOptions: { versions?: boolean } = {},
): Promise<number> {
  const all: { id: string }[] = await manager.query(`SELECT id FROM contracts WHERE status IN ('active', 'expired', 'terminated') ORDER BY id`);
  for (let i = 0; i < all.length; i += 500) {
    await refreshPlanItems(
      manager,
      all.slice(i, i + 500).map((c) => c.id),
      cipher,
      catalogOptions,
    );
  }
  return all.length;
}

/** An item counts for the period when its window closed in it, by the last closed day (libs/domain plan-indicators.ts). */
const CLOSED_IN = 'f.windowEnd >= ? AND f.windowEnd <= ?';
const closedParams = (w: CountWindow) => [w.period.from, closedBy(w.day, w.today)];
const FOLLOW_UP = "f.type = 'followUp' AND f.source = 'publicHealth'";
const TIMELY = 'f.doneOn IS NOT NULL AND f.doneOn >= f.windowStart AND f.doneOn <= f.windowEnd';
const IN_FORCE = 'EXISTS (SELECT 1 FROM contract_facts cf WHERE cf.contractId = f.contractId AND cf.signedFrom <= ? AND cf.signedUntil > ?)';

/** What the plan-item facts give one team (or one team's bucket): the two rates' numerators and denominators. */
export interface PlanTally {
  /** Public-health follow-ups whose window closed in the period (慢病随访及时率's denominator)… */
  due: number;
  /** …and of those, the ones done inside their window (its numerator). */
  timely: number;
  /** Contracts in force on the counting day with an item closed in the period (履约率's denominator)… */
  withItems: number;
  /** …and of those, the ones with every such item done (its numerator). */
  fulfilled: number;
}

/**
 * 慢病随访及时率 and 履约率 of the plan items matching `where` (a predicate over `service_plan_items f`
 * of the same shape as over `contract_facts f`: team, institution, region, tally bucket), keyed by
 * team, or by `teamId|bucket` (the tally snapshots, team-tallies.ts). libs/domain
 * planIndicatorCounts in SQL: two index-range scans.
 */
export async function planTallies(dataSource: DataSource, where: Predicate, w: CountWindow, byBucket = false): Promise<Map<string, PlanTally>> {
  const sqlite = !isMariaDb(dataSource);
  const key = !byBucket ? 'f.teamId' : sqlite ? "(f.teamId || '|' || f.tallyBucket)" : "CONCAT(f.teamId, '|', f.tallyBucket)";
  const [timeliness, fulfilment]: Record<string, unknown>[][] = await Promise.all([
    dataSource.query(
      `SELECT ${key} AS k, COUNT(*) AS due, SUM(CASE WHEN ${TIMELY} THEN 1 ELSE 0 END) AS timely
         FROM service_plan_items f WHERE (${where.sql}) AND ${FOLLOW_UP} AND ${CLOSED_IN} GROUP BY ${key}`,
      [...where.params, ...closedParams(w)],
    ),
    dataSource.query(
      `SELECT x.k AS k, COUNT(*) AS withItems, SUM(CASE WHEN x.open = 0 THEN 1 ELSE 0 END) AS fulfilled FROM (
         SELECT ${key} AS k, f.contractId AS contractId, SUM(CASE WHEN f.doneOn IS NULL THEN 1 ELSE 0 END) AS open
           FROM service_plan_items f WHERE (${where.sql}) AND ${CLOSED_IN} AND ${IN_FORCE} GROUP BY ${key}, f.contractId) x
       GROUP BY x.k`,
      [...where.params, ...closedParams(w), w.day, w.day],
    ),
  ]);
  const result = new Map<string, PlanTally>();
  const of = (k: unknown) => {
    const id = String(k);
    let tally = result.get(id);
    if (!tally) result.set(id, (tally = { due: 0, timely: 0, withItems: 0, fulfilled: 0 }));
    return tally;
  };
  for (const r of timeliness) Object.assign(of(r.k), { due: Number(r.due), timely: Number(r.timely ?? 0) });
  for (const r of fulfilment) Object.assign(of(r.k), { withItems: Number(r.withItems), fulfilled: Number(r.fulfilled ?? 0) });
  return result;
}

/** The two rates of a plan tally. */
export function planCountsOf(tally: PlanTally): PlanCounts {
  return {
    followUpTimeliness: { numerator: tally.timely, denominator: tally.due },
    fulfilment: { numerator: tally.fulfilled, denominator: tally.withItems },
  };
}

/** 慢病随访及时率 and 履约率 per team of an area (the trend; the dashboard reads them from the tally snapshots). */
export async function planCountsByTeam(dataSource: DataSource, filter: AreaFilter, w: CountWindow): Promise<Map<string, PlanCounts>> {
  const tallies = await planTallies(dataSource, areaOf('f', filter), w);
  return new Map([...tallies].map(([teamId, tally]) => [teamId, planCountsOf(tally)]));
}

/** The two indicators' counts summed over teams. */
export function sumPlanCounts(list: readonly PlanCounts[]): PlanCounts {
  const add = (pick: (c: PlanCounts) => IndicatorCounts) =>
    list.reduce((sum, c) => ({ numerator: sum.numerator + (pick(c)?.numerator ?? 0), denominator: sum.denominator + (pick(c)?.denominator ?? 0) }), {
      numerator: 0,
      denominator: 0,
    });
  return { followUpTimeliness: add((c) => c.followUpTimeliness), fulfilment: add((c) => c.fulfilment) };
}

/** What the drill-down lists for each of the two: one row per contract, the numerator and the gap partition the denominator. */
export const PLAN_PEOPLE: Record<PlanIndicatorCode, { numeratorLabel: string; gapLabel: string }> = {
  followUpTimeliness: { numeratorLabel: '到期随访都按时完成的慢病患者', gapLabel: '有到期随访逾期或未做的慢病患者' },
  fulfilment: { numeratorLabel: '到期服务全部完成的签约居民', gapLabel: '有到期服务未完成的签约居民' },
};

export interface PlanPersonRow {
  personId: string;
  contractId: string;
  teamId: string;
  signedFrom: string;
  endDate: string;
  detail: string;
}

/**
 * The contracts behind one of the two rates within the area, paged: for 慢病随访及时率 the
 * contracts with a public-health follow-up due in the period, all of them timely (numerator) or
 * not (gap); for 履约率 the contracts in force with an item due, all done (numerator) or not (gap).
 */
export async function planPeopleRows(
  dataSource: DataSource,
  filter: AreaFilter,
  code: PlanIndicatorCode,
  part: 'numerator' | 'gap',
  w: CountWindow,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: PlanPersonRow[] }> {
  const area = areaOf('f', filter);
  const timeliness = code === 'followUpTimeliness';
  const missed = timeliness ? `SUM(CASE WHEN ${TIMELY} THEN 0 ELSE 1 END)` : 'SUM(CASE WHEN f.doneOn IS NULL THEN 1 ELSE 0 END)';
  const where = timeliness ? `${area.sql} AND ${FOLLOW_UP} AND ${CLOSED_IN}` : `${area.sql} AND ${CLOSED_IN} AND ${IN_FORCE}`;
  const params = timeliness ? [...area.params, ...closedParams(w)] : [...area.params, ...closedParams(w), w.day, w.day];
  const grouped = `SELECT f.contractId AS contractId, f.personId AS personId, f.teamId AS teamId, COUNT(*) AS due, ${missed} AS missed
      FROM service_plan_items f WHERE ${where} GROUP BY f.contractId, f.personId, f.teamId HAVING ${missed} ${part === 'numerator' ? '= 0' : '> 0'}`;
  const [{ total }] = await dataSource.query(`SELECT COUNT(*) AS total FROM (${grouped}) t`, params);
  const found: Record<string, unknown>[] = await dataSource.query(
    `SELECT t.contractId AS contractId, t.personId AS personId, t.teamId AS teamId, t.due AS due, t.missed AS missed, c.startDate AS startDate, c.endDate AS endDate
       FROM (${grouped}) t JOIN contracts c ON c.id = t.contractId
      ORDER BY t.teamId, t.missed DESC, c.startDate, t.contractId LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return {
    total: Number(total),
    rows: found.map((r) => {
      const due = Number(r.due);
      const open = Number(r.missed);
      return {
        contractId: String(r.contractId),
        personId: String(r.personId),
        teamId: String(r.teamId),
        signedFrom: dayText(r.startDate),
        endDate: dayText(r.endDate),
        detail: timeliness ? `到期随访 ${due} 次，按时完成 ${due - open} 次` : `到期服务 ${due} 项，已完成 ${due - open} 项`,
      };
    }),
  };
}
