import { EntityManager } from 'typeorm';
import { touchPersons } from './team-tallies';
import { dayText } from '../database/columns';

/** The record types the yearly roll-up counts. */
const ROLLED_TYPES = "('healthCheck', 'followUp')";

/** One current service record as the roll-up reads it. */
export interface RolledRecord {
  type: string;
  serviceDate: string;
  bloodPressureOnTarget: boolean | number | null;
  glucoseOnTarget: boolean | number | null;
  createdAt: Date | string;
  /** Breaks a tie of date and second (createdAt keeps whole seconds), as `ORDER BY …, id DESC` does in SQL. */
  id: string;
}

export interface ServiceYearCounts {
  checks: number;
  followUps: number;
  bloodPressureLatest: boolean | null;
  glucoseLatest: boolean | null;
  lastServiceDate: string | null;
}

const time = (value: Date | string) =>
  value instanceof Date ? value.getTime() : Date.parse(String(value).replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? '' : 'Z'));
const bool = (value: boolean | number | null) => (value === null || value === undefined ? null : Boolean(Number(value)));

/**
 * The counts of one person-year from its current health checks and follow-ups: how many of each,
 * whether the latest follow-up with each reading (latest date, then latest written) was on target,
 * and the latest date. The same rules as the per-record predicates of contract-measures.ts.
 * @example rollUpServiceYear([{ id: 'a', type: 'followUp', serviceDate: '2026-03-01', bloodPressureOnTarget: true, glucoseOnTarget: null, createdAt: new Date() }])
 *   // → { checks: 0, followUps: 1, bloodPressureLatest: true, glucoseLatest: null, lastServiceDate: '2026-03-01' }
 */
export function rollUpServiceYear(records: readonly RolledRecord[]): ServiceYearCounts {
  const later = (a: RolledRecord, b: RolledRecord) =>
    a.serviceDate !== b.serviceDate
      ? a.serviceDate > b.serviceDate
      : time(a.createdAt) !== time(b.createdAt)
        ? time(a.createdAt) > time(b.createdAt)
        : a.id > b.id;
  const latest = (column: 'bloodPressureOnTarget' | 'glucoseOnTarget') => {
    let best: RolledRecord | null = null;
    for (const r of records) {
      if (r.type !== 'followUp' || bool(r[column]) === null) continue;
      if (!best || later(r, best)) best = r;
    }
    return best ? bool(best[column]) : null;
  };
  return {
    checks: records.filter((r) => r.type === 'healthCheck').length,
    followUps: records.filter((r) => r.type === 'followUp').length,
    bloodPressureLatest: latest('bloodPressureOnTarget'),
    glucoseLatest: latest('glucoseOnTarget'),
    lastServiceDate: records.reduce<string | null>((max, r) => (max === null || r.serviceDate > max ? r.serviceDate : max), null),
  };
}

const isMariaDb = (manager: EntityManager) => manager.connection.options.type !== 'better-sqlite3';

/**
 * Takes the row locks of the person-years a service write is about to change (creating the rows),
 * in year order. Call it first in the write's transaction, before the write and before any read:
 * two writers of one person-year then run one after the other, and the second one's recount
 * (its first consistent read, taken after the lock) sees the first one's record.
 */
export async function lockServiceYears(manager: EntityManager, personId: string, years: readonly number[]): Promise<void> {
  for (const year of [...new Set(years)].sort()) {
    if (isMariaDb(manager)) {
      await manager.query('INSERT INTO service_person_years (personId, year, checks, followUps) VALUES (?, ?, 0, 0) ON DUPLICATE KEY UPDATE checks = checks', [
        personId,
        year,
      ]);
    } else {
      await manager.query('INSERT INTO service_person_years (personId, year, checks, followUps) VALUES (?, ?, 0, 0) ON CONFLICT (personId, year) DO NOTHING', [
        personId,
        year,
      ]);
    }
  }
}

/**
 * Recounts the locked person-years from the person's current records (after the write, same
 * transaction), and invalidates the tally snapshots that read the person (team-tallies.ts).
 */
export async function recountServiceYears(manager: EntityManager, personId: string, years: readonly number[]): Promise<void> {
  for (const year of [...new Set(years)].sort()) {
    const rows: RolledRecord[] = await manager.query(
      `SELECT id, type, serviceDate, bloodPressureOnTarget, glucoseOnTarget, createdAt FROM service_records
        WHERE personId = ? AND type IN ${ROLLED_TYPES} AND current = 1 AND serviceDate >= ? AND serviceDate <= ?`,
      [personId, `${year}-01-01`, `${year}-12-31`],
    );
    const counts = rollUpServiceYear(rows.map((r) => ({ ...r, serviceDate: dayText(r.serviceDate) })));
    await manager.query(
      'UPDATE service_person_years SET checks = ?, followUps = ?, bloodPressureLatest = ?, glucoseLatest = ?, lastServiceDate = ? WHERE personId = ? AND year = ?',
      [
        counts.checks,
        counts.followUps,
        counts.bloodPressureLatest === null ? null : Number(counts.bloodPressureLatest),
        counts.glucoseLatest === null ? null : Number(counts.glucoseLatest),
        counts.lastServiceDate,
        personId,
        year,
      ],
    );
  }
  await touchPersons(manager, [personId]);
}

/** The calendar year of an ISO date. */
export const yearOfDate = (date: string) => Number(date.slice(0, 4));

/**
 * Fills the service columns of `service_person_years` from the current service records in a few
 * set-based statements (the migration, and data loaded without the API such as the benchmark's).
 */
export async function backfillServiceYears(runner: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, mariadb: boolean): Promise<void> {
  const yearOf = mariadb ? 'YEAR(serviceDate)' : 'CAST(substr(serviceDate, 1, 4) AS INTEGER)';
  // Only the service columns: the rows' push quarters (push-rollup.ts) stay.
  await runner.query('UPDATE service_person_years SET checks = 0, followUps = 0, bloodPressureLatest = NULL, glucoseLatest = NULL, lastServiceDate = NULL');
  const upsert = mariadb
    ? 'ON DUPLICATE KEY UPDATE checks = VALUES(checks), followUps = VALUES(followUps), lastServiceDate = VALUES(lastServiceDate)'
    : 'ON CONFLICT (personId, year) DO UPDATE SET checks = excluded.checks, followUps = excluded.followUps, lastServiceDate = excluded.lastServiceDate';
  await runner.query(
    `INSERT INTO service_person_years (personId, year, checks, followUps, lastServiceDate)
     SELECT personId, ${yearOf}, SUM(CASE WHEN type = 'healthCheck' THEN 1 ELSE 0 END), SUM(CASE WHEN type = 'followUp' THEN 1 ELSE 0 END), MAX(serviceDate)
       FROM service_records WHERE current = 1 AND type IN ${ROLLED_TYPES} GROUP BY personId, ${yearOf} ${upsert}`,
  );
  const from = mariadb ? "CONCAT(y.year, '-01-01')" : "(y.year || '-01-01')";
  const to = mariadb ? "CONCAT(y.year, '-12-31')" : "(y.year || '-12-31')";
  for (const [target, column] of [
    ['bloodPressureLatest', 'bloodPressureOnTarget'],
    ['glucoseLatest', 'glucoseOnTarget'],
  ]) {
    await runner.query(
      `UPDATE service_person_years AS y SET ${target} = (SELECT s.${column} FROM service_records s
        WHERE s.personId = y.personId AND s.type = 'followUp' AND s.current = 1 AND s.serviceDate >= ${from} AND s.serviceDate <= ${to}
          AND s.${column} IS NOT NULL ORDER BY s.serviceDate DESC, s.createdAt DESC, s.id DESC LIMIT 1)
       WHERE y.followUps > 0`,
    );
  }
}
