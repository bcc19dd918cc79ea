import { Entity, PrimaryColumn } from 'typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { todayInChina } from '@jiayi/domain';
import { TimeColumn } from '../database/columns';
import { inTransaction, isUniqueViolation } from '../database/transaction';
import { upsertIncrement } from './tally-buckets';
import { bumpPushEpoch } from './team-tallies';

/** A push whose targets are in `service_person_years.pushQuarters` (one row per push, written once). */
@Entity('push_rollups')
export class PushRollup {
  @PrimaryColumn({ type: 'varchar', length: 36 }) pushId: string;
  @TimeColumn() rolledUpAt: Date;
}

type Runner = { query: (sql: string, params?: unknown[]) => Promise<unknown> };

/** The bit of the quarter of a day in `pushQuarters`. @example quarterBit('2026-05-20') // → 2 */
export function quarterBit(day: string): number {
  return 1 << Math.floor((Number(day.slice(5, 7)) - 1) / 3);
}

/** Pushes published (or withdrawn after publishing) whose targets are not rolled up yet. */
async function pending(runner: Runner, limit: number): Promise<{ id: string; publishAt: Date | string }[]> {
  return (await runner.query(
    `SELECT p.id AS id, p.publishAt AS publishAt FROM pushes p LEFT JOIN push_rollups r ON r.pushId = p.id
      WHERE p.status IN ('published', 'withdrawn') AND r.pushId IS NULL ORDER BY p.publishAt, p.id LIMIT ${Number(limit)}`,
  )) as { id: string; publishAt: Date | string }[];
}

const moment = (value: Date | string) => (value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`));

/**
 * Marks the push rolled up and ORs its quarter into the person-year rows of its targets (creating
 * them). The release job writes a push's targets while it is `releasing` and only then marks it
 * `published`; a withdraw stops the release between chunks (under the push row's lock). So once a
 * push is `published` or `withdrawn` its targets never change, and it is rolled up once; the
 * `push_rollups` row is the claim — a second roll-up of the same push fails on its key and writes nothing.
 *
 * Returns whether a target was newly reached in the quarter (their row lacked its bit): only then
 * does any count change. A push to people an earlier push of the quarter already reached changes
 * nothing, and `invalidate` is not called. A target whose bit a concurrent, uncommitted roll-up is
 * setting reads as newly reached here too (both invalidate: more than needed, never less).
 */
async function rollUpOne(
  runner: Runner,
  mariadb: boolean,
  push: { id: string; publishAt: Date | string },
  { invalidate, factReach = true }: RollUpOptions = {},
): Promise<boolean> {
  const at = moment(push.publishAt);
  const day = todayInChina(at);
  const year = Number(day.slice(0, 4));
  const bit = quarterBit(day);
  await runner.query('INSERT INTO push_rollups (pushId, rolledUpAt) VALUES (?, ?)', [
    push.id,
    mariadb ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', ''),
  ]);
  const [newlyReached] = (await runner.query(
    `SELECT 1 AS found FROM push_targets pt LEFT JOIN service_person_years r ON r.personId = pt.personId AND r.year = ?
      WHERE pt.pushId = ? AND (r.personId IS NULL OR (r.pushQuarters & ${bit}) = 0) LIMIT 1`,
    [year, push.id],
  )) as { found: number }[];
  if (!newlyReached) return false;
  if (factReach) await markNewlyReached(runner, mariadb, push.id, year, bit);
  const upsert = mariadb
    ? 'ON DUPLICATE KEY UPDATE pushQuarters = pushQuarters | VALUES(pushQuarters)'
    : 'ON CONFLICT (personId, year) DO UPDATE SET pushQuarters = pushQuarters | excluded.pushQuarters';
  await runner.query(
    `INSERT INTO service_person_years (personId, year, checks, followUps, pushQuarters)
     SELECT personId, ?, 0, 0, ? FROM push_targets WHERE pushId = ? ${upsert}`,
    [year, bit, push.id],
  );
  if (factReach) await reachFacts(runner, push.id, year, bit);
  // Its new targets now count (推送覆盖率): every tally snapshot counts its reach again (team-tallies.ts).
  await invalidate?.();
  return true;
}

interface RollUpOptions {
  /** Called in the transaction when someone was newly reached. */
  invalidate?: () => Promise<void>;
  /** False for a migration older than the facts' push columns and the person marks (they are filled later). */
  factReach?: boolean;
}

/**
 * The newly reached persons' conflict rows (team-tallies.ts): on a Galera cluster a fact written for
 * one of them on another node at the same time then conflicts with this roll-up, and the one
 * certified second is retried and sees the other (its facts' push columns, or the bit).
 */
async function markNewlyReached(runner: Runner, mariadb: boolean, pushId: string, year: number, bit: number): Promise<void> {
  await runner.query(
    `INSERT INTO indicator_person_marks (personId, version)
     SELECT DISTINCT pt.personId, 1 FROM push_targets pt LEFT JOIN service_person_years r ON r.personId = pt.personId AND r.year = ?
      WHERE pt.pushId = ? AND (r.personId IS NULL OR (r.pushQuarters & ${bit}) = 0) ${upsertIncrement(!mariadb, 'personId')}`,
    [year, pushId],
  );
}

/**
 * The same reach on every fact of the targets (ContractFact.pushYear), unless a later year's is kept
 * there. pushQuarters is assigned first: MariaDB evaluates SET left to right, SQLite from the old row.
 */
async function reachFacts(runner: Runner, pushId: string, year: number, bit: number): Promise<void> {
  await runner.query(
    `UPDATE contract_facts SET pushQuarters = CASE WHEN pushYear = ? THEN pushQuarters | ${bit} ELSE ${bit} END, pushYear = ?
      WHERE personId IN (SELECT personId FROM push_targets WHERE pushId = ?) AND pushYear <= ? AND NOT (pushYear = ? AND (pushQuarters & ${bit}) <> 0)`,
    [year, year, pushId, year, year],
  );
}

/** What a roll-up did: pushes rolled up, and how many of them reached someone new (and so invalidated the dashboard's snapshots). */
export interface PushRollUp {
  rolled: number;
  reachedNew: number;
}

/**
 * Rolls up every published push not yet rolled up, each in its own transaction: the pushes the
 * release job did not roll up as it published them (withdrawn while releasing, written around the
 * API). The dashboard calls it before counting (so such a push counts at once), the job every minute
 * under its lease.
 */
export async function rollUpPushes(dataSource: DataSource): Promise<PushRollUp> {
  const mariadb = dataSource.options.type !== 'better-sqlite3';
  const done: PushRollUp = { rolled: 0, reachedNew: 0 };
  for (;;) {
    const batch = await pending(dataSource, 100);
    for (const push of batch) {
      try {
        const reachedNew = await inTransaction(dataSource, (manager) => rollUpOne(manager, mariadb, push, { invalidate: () => bumpPushEpoch(manager) }));
        done.rolled++;
        if (reachedNew) done.reachedNew++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    if (batch.length < 100) return done;
  }
}

/**
 * Rolls up one push in the transaction that publishes it (the release job's last step), so that the
 * roll-up's writes are the release job's and not those of the next dashboard request. Returns
 * whether it reached someone new.
 */
export async function rollUpPublishedPush(manager: EntityManager, push: { id: string; publishAt: Date | string }): Promise<boolean> {
  return rollUpOne(manager, manager.connection.options.type !== 'better-sqlite3', push, { invalidate: () => bumpPushEpoch(manager) });
}

/** The same in one go on a migration's runner (inside its transaction; the tally snapshots do not exist yet). */
export async function backfillPushRollups(runner: Runner, mariadb: boolean, { factReach = true }: Pick<RollUpOptions, 'factReach'> = {}): Promise<void> {
  for (const push of await pending(runner, 1_000_000)) await rollUpOne(runner, mariadb, push, { factReach });
}
