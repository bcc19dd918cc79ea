import type { DataSource, EntityManager } from 'typeorm';
import type { Tally } from '@jiayi/domain';

export type Dialect = 'mariadb' | 'sqlite';

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mariadb';
}

/** A moment as a DATETIME parameter of raw SQL: mysql2 formats a Date itself, SQLite stores TypeORM's UTC text. */
export function timeParam(dialect: Dialect, at: Date): Date | string {
  return dialect === 'mariadb' ? at : at.toISOString().replace('T', ' ').replace('Z', '');
}

const COUNTER_COLUMNS = '(waveId, dimension, dimensionKey, questionId, optionId, n)';

/**
 * Adds tallies to a wave's counters in one statement: `ON DUPLICATE KEY UPDATE` on MariaDB,
 * `ON CONFLICT DO UPDATE` on SQLite. Rows go in key order.
 */
export async function addToCounters(manager: EntityManager, dialect: Dialect, waveId: string, tallies: readonly Tally[]): Promise<void> {
  for (let start = 0; start < tallies.length; start += 1000) {
    const batch = tallies.slice(start, start + 1000);
    const params: unknown[] = [];
    for (const t of batch) params.push(waveId, t.dimension, t.key, t.questionId, t.optionId, t.n);
    const values = batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    const upsert =
      dialect === 'mariadb'
        ? 'ON DUPLICATE KEY UPDATE n = n + VALUES(n)'
        : 'ON CONFLICT (waveId, dimension, dimensionKey, questionId, optionId) DO UPDATE SET n = n + excluded.n';
    await manager.query(`INSERT INTO survey_counters ${COUNTER_COLUMNS} VALUES ${values} ${upsert}`, params);
  }
}

/** Reads a wave's counters; `pairs` selects the cross-tab cells instead of the rest. */
export async function readCounters(dataSource: DataSource, waveId: string, pairs: boolean): Promise<Tally[]> {
  const rows: { dimension: Tally['dimension']; dimensionKey: string; questionId: string; optionId: string; n: string | number }[] = await dataSource.query(
    `SELECT dimension, dimensionKey, questionId, optionId, n FROM survey_counters WHERE waveId = ? AND dimension ${pairs ? '=' : '<>'} 'pair'`,
    [waveId],
  );
  return rows.map((r) => ({ dimension: r.dimension, key: r.dimensionKey, questionId: r.questionId, optionId: r.optionId, n: Number(r.n) }));
}
