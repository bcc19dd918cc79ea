import { Entity, Index, PrimaryColumn } from 'typeorm';
import { DataSource } from 'typeorm';
import { addDays } from '@jiayi/domain';
import { IntColumn, LongTextColumn, TimeColumn } from '../database/columns';
import { writeOnce } from '../database/transaction';
import { bumpBuckets, isSqlite, Runner, upsertIncrement } from './tally-buckets';
import {
  BUCKET_SQL,
  ContractTally,
  CountWindow,
  emptyTally,
  PARALLEL_SCANS,
  Predicate,
  pushReachOf,
  TALLY_LIST_LENGTH,
  tallyFacts,
  tallyFromList,
  tallyToList,
} from './contract-measures';

/**
 * Per-team tally snapshots with exact invalidation (BENCHMARKS.md §6c). The contract and service
 * tallies of a team (contract-measures.ts) are sums over its facts; they are kept per team and
 * bucket — 64 parts of the team's facts by the person's id (`contract_facts.tallyBucket`, which
 * leads the team index after the team, so a bucket is an index range) — for one count window, with the data version of each bucket
 * they were computed at. Every transaction that changes what a bucket's tally reads bumps that
 * bucket's version in the same transaction (`touchPersons`, `bumpEpoch`), so a dashboard
 * recomputes only the buckets whose version moved since their snapshot.
 *
 * What a bucket (team T, bucket B) reads: the facts of T of the persons in B; the other facts of
 * the same persons (新增接续率); their `service_person_years` rows and service records; the push
 * targets of the persons and the pushes. A change to any of these concerns a person P, and bumps
 * the bucket of each fact of P (after the change; a fact never changes team or bucket):
 * - facts written (confirm, catch-up, rebuild) or ended (termination, renewal closing): ContractFacts.record, endContractFacts;
 * - service records created or corrected: recountServiceYears (the roll-up write of the same transaction);
 * - a push rolled up that reached someone new: bumpPushEpoch. Only 推送覆盖率's numerator reads pushes,
 *   so a snapshot whose push epoch moved keeps every other count and counts that one again for all its
 *   buckets (pushReachOf: one index range of the team's facts joined with the person-year rows) — a
 *   push to a fifth of a county would otherwise touch nearly every bucket of every team;
 * - data written around the API (imports, benchmarks, repairs): `ContractFacts.rebuild` bumps the epoch,
 *   which is part of every snapshot's key; anything else must call bumpEpoch.
 * Persons' own fields, team and community assignments are not read by the tally (the facts keep
 * the contract's team and groups), so their edits invalidate nothing.
 *
 * Racing writers: the persons' facts are read with a shared lock (so a fact of P inserted
 * concurrently waits, or is seen), and each touched person's `indicator_person_marks` row is
 * written too — on a Galera cluster, where locks are per node, two transactions that change data
 * of one person then always conflict on that row, and one is retried (1213) after the other.
 */
@Entity('indicator_tally_versions')
export class IndicatorTallyVersion {
  /** The team, or '*' for the epoch rows. */
  @PrimaryColumn({ type: 'varchar', length: 36 }) teamId: string;
  /** The bucket (contract_facts.tallyBucket); for '*', 0 is the epoch and 1 the push epoch. */
  @PrimaryColumn({ type: 'int' }) bucket: number;
  @IntColumn({ default: 0 }) version: number;
}

/** One row per person whose tally data was ever changed: the conflict point of two writes of one person. */
@Entity('indicator_person_marks')
export class IndicatorPersonMark {
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId: string;
  @IntColumn({ default: 0 }) version: number;
}

/** A team's tallies of one window, per bucket, with the versions they were computed at. */
@Entity('indicator_team_tallies')
@Index('IDX_indicator_team_tallies_computed', ['computedAt'])
export class IndicatorTeamTally {
  /** `format:epoch:from:to:day:today` (see windowKey). */
  @PrimaryColumn({ type: 'varchar', length: 80 }) windowKey: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) teamId: string;
  /** JSON: { v: { bucket: version }, t: { bucket: tallyToList } }. */
  @LongTextColumn() tally: string;
  @TimeColumn() computedAt: Date;
}

/** Raised when the tally's columns or meaning change: older snapshots are then simply never read. */
const TALLY_FORMAT = 2;
const EPOCH_TEAM = '*';
const EPOCH_BUCKET = 0;
const PUSH_EPOCH_BUCKET = 1;
/** Where pushReached sits in a bucket's list (tallyToList); a function, as contract-measures.ts may not be loaded yet when this module is. */
const pushReachedAt = () => tallyToList({ ...emptyTally(), pushReached: -1 }).indexOf(-1);
/** Snapshots not written for this long are deleted by the warming job. */
export const SNAPSHOT_KEEP_MS = 3 * 86_400_000;
const TEAMS_PER_QUERY = 8;
/** Teams per reach-only query: a plain IN list over the team index. */
const REACH_TEAMS_PER_QUERY = 40;

/**
 * Invalidates the snapshots that read data of these persons: bumps their bucket in every team
 * holding one of their facts (read under a shared lock, so the set is current). Call it in the
 * writing transaction, after the write.
 */
export async function touchPersons(runner: Runner, personIds: readonly string[]): Promise<void> {
  const ids = [...new Set(personIds)].sort();
  if (ids.length === 0) return;
  const sqlite = isSqlite(runner);
  const buckets = new Set<string>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const marks = chunk.map(() => '?').join(', ');
    const rows: { teamId: string; bucket: number | string }[] = await runner.query(
      `SELECT f.teamId AS teamId, ${BUCKET_SQL} AS bucket FROM contract_facts f WHERE f.personId IN (${marks})${sqlite ? '' : ' LOCK IN SHARE MODE'}`,
      chunk,
    );
    for (const r of rows) buckets.add(`${r.teamId}|${Number(r.bucket)}`);
    await runner.query(
      `INSERT INTO indicator_person_marks (personId, version) VALUES ${chunk.map(() => '(?, 1)').join(', ')} ${upsertIncrement(sqlite, 'personId')}`,
      chunk,
    );
  }
  await bumpBuckets(runner, buckets);
}

/** Invalidates every snapshot (data written around the API): the epoch is part of each snapshot's key. */
export async function bumpEpoch(runner: Runner): Promise<void> {
  await bumpBuckets(runner, [`${EPOCH_TEAM}|${EPOCH_BUCKET}`]);
}

/** Invalidates 推送覆盖率's numerator in every snapshot (a push reached someone new); the other counts stay. */
export async function bumpPushEpoch(runner: Runner): Promise<void> {
  await bumpBuckets(runner, [`${EPOCH_TEAM}|${PUSH_EPOCH_BUCKET}`]);
}

/**
 * The key of a window's snapshots. `today` matters only through 到期 (an end date before today,
 * and an end date is never after the period's end), so it is taken as at most the day after the
 * period: a past period's snapshots stay valid from one day to the next.
 */
function windowKey(epoch: number, w: CountWindow): string {
  const afterPeriod = addDays(w.period.to, 1);
  const today = w.today < afterPeriod ? w.today : afterPeriod;
  return `${TALLY_FORMAT}:${epoch}:${w.period.from}:${w.period.to}:${w.day}:${today}`;
}

interface Snapshot {
  /** The versions of the team's buckets the snapshot was computed at (absent: 0). */
  v: Record<string, number>;
  /** The push epoch its pushReached counts were computed at. */
  p: number;
  /** The tally of each non-empty bucket (tallyToList). */
  t: Record<string, number[]>;
}

function parseSnapshot(text: string): Snapshot | null {
  try {
    const parsed = JSON.parse(text) as Snapshot;
    if (!parsed || typeof parsed.v !== 'object' || typeof parsed.t !== 'object' || typeof parsed.p !== 'number') return null;
    if (Object.values(parsed.t).some((list) => !Array.isArray(list) || list.length !== TALLY_LIST_LENGTH)) return null;
    return parsed;
  } catch {
    return null;
  }
}

export interface TallyTeam {
  id: string;
  institutionId: string;
}

/** What one request did: for the bench and the tests. */
export interface SnapshotStats {
  teams: number;
  fromSnapshot: number;
  recomputedTeams: number;
  recomputedBuckets: number;
  /** Teams whose 推送覆盖率 numerator alone was counted again (their push epoch moved). */
  reachRecountedTeams: number;
}

/**
 * The tallies of these teams for the window, from the snapshots where their versions still hold;
 * the rest recomputed and stored. Exact: the versions are read before anything is counted and
 * stored with what is counted, so a write that races the count only makes a later request count
 * again. Racing requests (on any instance) each store a consistent snapshot; the last one stays.
 */
export async function snapshotTallies(
  dataSource: DataSource,
  teams: readonly TallyTeam[],
  w: CountWindow,
  stats?: SnapshotStats,
): Promise<Map<string, ContractTally>> {
  const result = new Map<string, ContractTally>();
  if (teams.length === 0) return result;
  const teamIds = teams.map((t) => t.id);
  const sqlite = isSqlite(dataSource);

  // 1. The versions, before anything is counted.
  const versions = new Map<string, Record<string, number>>();
  let epoch = 0;
  let pushEpoch = 0;
  for (let i = 0; i < teamIds.length; i += 500) {
    const chunk = [EPOCH_TEAM, ...teamIds.slice(i, i + 500)];
    const rows: { teamId: string; bucket: number | string; version: number | string }[] = await dataSource.query(
      `SELECT teamId, bucket, version FROM indicator_tally_versions WHERE teamId IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows) {
      if (r.teamId === EPOCH_TEAM) {
        if (Number(r.bucket) === EPOCH_BUCKET) epoch = Number(r.version);
        if (Number(r.bucket) === PUSH_EPOCH_BUCKET) pushEpoch = Number(r.version);
      } else (versions.get(r.teamId) ?? versions.set(r.teamId, {}).get(r.teamId)!)[String(Number(r.bucket))] = Number(r.version);
    }
  }
  const key = windowKey(epoch, w);

  // 2. The snapshots of the window.
  const snapshots = new Map<string, Snapshot>();
  for (let i = 0; i < teamIds.length; i += 500) {
    const chunk = teamIds.slice(i, i + 500);
    const rows: { teamId: string; tally: string }[] = await dataSource.query(
      `SELECT teamId, tally FROM indicator_team_tallies WHERE windowKey = ? AND teamId IN (${chunk.map(() => '?').join(', ')})`,
      [key, ...chunk],
    );
    for (const r of rows) {
      const snapshot = parseSnapshot(r.tally);
      if (snapshot) snapshots.set(r.teamId, snapshot);
    }
  }

  // 3. What is missing: whole teams without a snapshot, the buckets whose version moved, and the
  // reach of the teams whose push epoch moved.
  const coldByInstitution = new Map<string, string[]>();
  const staleBuckets: { teamId: string; bucket: number }[] = [];
  const reachStale: string[] = [];
  for (const team of teams) {
    const snapshot = snapshots.get(team.id);
    if (!snapshot) {
      coldByInstitution.set(team.institutionId, [...(coldByInstitution.get(team.institutionId) ?? []), team.id]);
      continue;
    }
    if (snapshot.p !== pushEpoch) reachStale.push(team.id);
    const now = versions.get(team.id) ?? {};
    for (const bucket of new Set([...Object.keys(now), ...Object.keys(snapshot.v)])) {
      if ((now[bucket] ?? 0) !== (snapshot.v[bucket] ?? 0)) staleBuckets.push({ teamId: team.id, bucket: Number(bucket) });
    }
  }
  const queries: { where: Predicate }[] = [];
  for (const ids of coldByInstitution.values()) {
    queries.push({ where: { sql: `f.teamId IN (${ids.map(() => '?').join(', ')})`, params: ids } });
  }
  // A team's stale buckets make one condition (index ranges of the team index); a query takes at most
  // TEAMS_PER_QUERY teams (MariaDB tests each row read against every disjunct: hundreds cost more than the count).
  const staleByTeam = new Map<string, number[]>();
  for (const b of staleBuckets) staleByTeam.set(b.teamId, [...(staleByTeam.get(b.teamId) ?? []), b.bucket]);
  const stale = [...staleByTeam.entries()];
  for (let i = 0; i < stale.length; i += TEAMS_PER_QUERY) {
    const chunk = stale.slice(i, i + TEAMS_PER_QUERY);
    queries.push({
      where: {
        sql: chunk.map(([, list]) => `(f.teamId = ? AND ${BUCKET_SQL} IN (${list.map(() => '?').join(', ')}))`).join(' OR '),
        params: chunk.flatMap(([teamId, list]) => [teamId, ...list]),
      },
    });
  }

  const reachQueries: { where: Predicate }[] = [];
  for (let i = 0; i < reachStale.length; i += REACH_TEAMS_PER_QUERY) {
    const ids = reachStale.slice(i, i + REACH_TEAMS_PER_QUERY);
    reachQueries.push({ where: { sql: `f.teamId IN (${ids.map(() => '?').join(', ')})`, params: ids } });
  }

  // 4. Count them, two scans at a time on MariaDB.
  const counted = new Map<string, Map<string, ContractTally>>();
  const reached = new Map<string, number>();
  const queue = [...queries.map((q) => ({ ...q, reachOnly: false })), ...reachQueries.map((q) => ({ ...q, reachOnly: true }))];
  const worker = async () => {
    for (let q = queue.shift(); q; q = queue.shift()) {
      if (q.reachOnly) {
        for (const [k, count] of await pushReachOf(dataSource, q.where, w, true)) reached.set(k, count);
        continue;
      }
      const tallies = await tallyFacts(dataSource, q.where, w, { byBucket: true });
      for (const [k, tally] of tallies) {
        const [teamId, bucket] = k.split('|');
        (counted.get(teamId) ?? counted.set(teamId, new Map()).get(teamId)!).set(bucket, tally);
      }
    }
  };
  await Promise.all(Array.from({ length: sqlite ? 1 : PARALLEL_SCANS }, worker));

  // 5. The new snapshots: carried buckets (with their reach counted again if the push epoch moved),
  // recounted buckets (an empty one drops out), the versions and push epoch read in 1.
  const recountedBuckets = new Map<string, Set<string>>();
  for (const b of staleBuckets) (recountedBuckets.get(b.teamId) ?? recountedBuckets.set(b.teamId, new Set()).get(b.teamId)!).add(String(b.bucket));
  const reachRecounted = new Set(reachStale);
  const reachAt = pushReachedAt();
  const changed: { teamId: string; snapshot: Snapshot }[] = [];
  for (const team of teams) {
    const old = snapshots.get(team.id);
    const recounted = recountedBuckets.get(team.id) ?? new Set<string>();
    let snapshot: Snapshot;
    if (old && recounted.size === 0 && !reachRecounted.has(team.id)) snapshot = old;
    else {
      const t: Record<string, number[]> = {};
      if (old) {
        for (const [bucket, list] of Object.entries(old.t)) {
          if (recounted.has(bucket)) continue;
          t[bucket] = list;
          if (reachRecounted.has(team.id)) {
            t[bucket] = [...list];
            t[bucket][reachAt] = reached.get(`${team.id}|${bucket}`) ?? 0;
          }
        }
      }
      for (const [bucket, tally] of counted.get(team.id) ?? []) t[bucket] = tallyToList(tally);
      snapshot = { v: versions.get(team.id) ?? {}, p: pushEpoch, t };
      changed.push({ teamId: team.id, snapshot });
    }
    const sum = new Array<number>(TALLY_LIST_LENGTH).fill(0);
    for (const list of Object.values(snapshot.t)) for (let i = 0; i < TALLY_LIST_LENGTH; i++) sum[i] += list[i];
    result.set(team.id, tallyFromList(sum));
  }
  if (stats) {
    stats.teams = teams.length;
    stats.fromSnapshot = teams.length - changed.length;
    stats.recomputedTeams = changed.length;
    stats.recomputedBuckets = staleBuckets.length;
    stats.reachRecountedTeams = reachStale.length;
  }

  // 6. Stored (insert or replace: the last of racing requests stays, each consistent).
  const now = new Date();
  const at = sqlite ? now.toISOString().replace('T', ' ').replace('Z', '') : now;
  for (let i = 0; i < changed.length; i += 50) {
    const chunk = changed.slice(i, i + 50);
    const upsert = sqlite
      ? 'ON CONFLICT (windowKey, teamId) DO UPDATE SET tally = excluded.tally, computedAt = excluded.computedAt'
      : 'ON DUPLICATE KEY UPDATE tally = VALUES(tally), computedAt = VALUES(computedAt)';
    await writeOnce(dataSource, (manager) =>
      manager.query(
        `INSERT INTO indicator_team_tallies (windowKey, teamId, tally, computedAt) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ${upsert}`,
        chunk.flatMap((c) => [key, c.teamId, JSON.stringify(c.snapshot), at]),
      ),
    );
  }
  return result;
}

/** Deletes the snapshots not written for SNAPSHOT_KEEP_MS (older counting days, older epochs). */
export async function pruneSnapshots(dataSource: DataSource, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - SNAPSHOT_KEEP_MS);
  await writeOnce(dataSource, (manager) =>
    manager.query('DELETE FROM indicator_team_tallies WHERE computedAt < ?', [
      isSqlite(dataSource) ? before.toISOString().replace('T', ' ').replace('Z', '') : before,
    ]),
  );
}
