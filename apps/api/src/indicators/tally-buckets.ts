import type { DataSource, EntityManager } from 'typeorm';

/**
 * The version rows of the tally snapshots (team-tallies.ts): one per team and bucket, bumped by
 * every transaction that changes what the bucket's tally reads. Kept apart from team-tallies.ts so
 * that writers (plan-items.ts) can bump without importing the counting.
 */
export type Runner = Pick<EntityManager, 'query'> & { connection: DataSource };
export const isSqlite = (runner: { connection: DataSource } | DataSource) =>
  ('connection' in runner ? runner.connection : runner).options.type === 'better-sqlite3';

export function upsertIncrement(sqlite: boolean, keys: string): string {
  return sqlite ? `ON CONFLICT (${keys}) DO UPDATE SET version = version + 1` : 'ON DUPLICATE KEY UPDATE version = version + 1';
}

/** Bumps the version of each (team, bucket), in a fixed order (two writers never wait on each other in a cycle). */
export async function bumpBuckets(runner: Runner, buckets: Iterable<string>): Promise<void> {
  const list = [...new Set(buckets)].sort();
  for (let i = 0; i < list.length; i += 200) {
    const chunk = list.slice(i, i + 200).map((k) => k.split('|'));
    await runner.query(
      `INSERT INTO indicator_tally_versions (teamId, bucket, version) VALUES ${chunk.map(() => '(?, ?, 1)').join(', ')} ${upsertIncrement(isSqlite(runner), 'teamId, bucket')}`,
      chunk.flatMap(([team, bucket]) => [team, Number(bucket)]),
    );
  }
}

/**
 * The tally bucket of a person's facts (0–127, 64 used by UUIDs): from the last two characters of
 * the id, as the migration's TALLY_BUCKET_SQL computes it for existing rows. Any value is correct
 * (team-tallies.ts reads the stored one); this one spreads a team evenly and keeps a person's facts together.
 * @example tallyBucketOf('6f1d0c1e-0000-4000-8000-0000000000a7') // → 93
 */
export function tallyBucketOf(personId: string): number {
  const code = (i: number) => (personId.length >= i ? personId.charCodeAt(personId.length - i) : 0);
  return (code(1) % 32) * 4 + (code(2) % 4);
}

/** tallyBucketOf in SQL (MariaDB and SQLite), for the rows written before the column existed. */
export const TALLY_BUCKET_SQL = {
  mariadb: '((ASCII(RIGHT(personId, 1)) % 32) * 4 + ASCII(RIGHT(personId, 2)) % 4)',
  sqlite: '((unicode(substr(personId, -1, 1)) % 32) * 4 + unicode(substr(personId, -2, 1)) % 4)',
};
