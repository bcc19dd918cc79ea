import type { DataSource, QueryRunner } from 'typeorm';
import type { Tally } from '@jiayi/domain';

export type Dialect = 'mariadb' | 'sqlite';

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mariadb';
}

/** A moment as a DATETIME parameter of raw SQL: mysql2 formats a Date itself, SQLite stores TypeORM's UTC text. */
export function timeParam(dialect: Dialect, at: Date): Date | string {
  return dialect === 'mariadb' ? at : at.toISOString().replace('T', ' ').replace('Z', '');
}

const COUNTER_COLUMNS = '(waveId, dimension, dimensionKey, questionId, optionId, shard, n)';

/**
 * Adds tallies to a wave's counters in one statement: `ON DUPLICATE KEY UPDATE` on MariaDB,
 * `ON CONFLICT DO UPDATE` on SQLite. Rows go in key order so concurrent writers lock in the same order.
 */
export async function addToCounters(runner: QueryRunner, dialect: Dialect, waveId: string, shard: number, tallies: readonly Tally[]): Promise<void> {
  for (let start = 0; start < tallies.length; start += 1000) {
    const batch = tallies.slice(start, start + 1000);
    const params: unknown[] = [];
    for (const t of batch) params.push(waveId, t.dimension, t.key, t.questionId, t.optionId, shard, t.n);
    const values = batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
    const upsert =
      dialect === 'mariadb'
        ? 'ON DUPLICATE KEY UPDATE n = n + VALUES(n)'
        : 'ON CONFLICT (waveId, dimension, dimensionKey, questionId, optionId, shard) DO UPDATE SET n = n + excluded.n';
    await runner.query(`INSERT INTO survey_counters ${COUNTER_COLUMNS} VALUES ${values} ${upsert}`, params);
  }
}

/** Reads a wave's counters summed over shards; `pairs` selects the cross-tab cells instead of the rest. */
export async function readCounters(dataSource: DataSource, waveId: string, pairs: boolean): Promise<Tally[]> {
  const rows: { dimension: Tally['dimension']; dimensionKey: string; questionId: string; optionId: string; n: string | number }[] = await dataSource.query(
    `SELECT dimension, dimensionKey, questionId, optionId, SUM(n) AS n FROM survey_counters
      WHERE waveId = ? AND dimension ${pairs ? '=' : '<>'} 'pair'
      GROUP BY dimension, dimensionKey, questionId, optionId`,
    [waveId],
  );
  return rows.map((r) => ({ dimension: r.dimension, key: r.dimensionKey, questionId: r.questionId, optionId: r.optionId, n: Number(r.n) }));
}

/** A deadlock or lock wait timeout on MariaDB, or a busy SQLite file: worth one more try. */
export function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
}
