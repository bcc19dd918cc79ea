import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

const TRANSIENT = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

/** A deadlock, lock wait timeout or busy SQLite file: nothing was written, the transaction may simply run again. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return TRANSIENT.has(e?.driverError?.code ?? e?.code ?? '');
}

/** A unique-key violation on MariaDB (ER_DUP_ENTRY) or SQLite (SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * TypeORM gives better-sqlite3 one shared connection, where a second transaction started before
 * the first ends becomes a savepoint inside it. The embedded SQLite default is one process, so
 * its transactions are queued here; MariaDB needs no such queue and gets none.
 */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

function queued<T>(dataSource: DataSource, run: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return run();
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  sqliteQueues.set(dataSource, next);
  return next;
}

/**
 * Runs `work` in one transaction, again (up to 5 times, with jitter) when the database reports a
 * deadlock or lock timeout. `isolation` applies on MariaDB only (SQLite transactions are serialisable).
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation?: IsolationLevel,
): Promise<T> {
  const mariadbIsolation = dataSource.options.type === 'better-sqlite3' ? undefined : isolation;
  for (let attempt = 1; ; attempt++) {
    try {
      return await queued(dataSource, () => (mariadbIsolation ? dataSource.transaction(mariadbIsolation, work) : dataSource.transaction(work)));
    } catch (error) {
      if (attempt >= 5 || !isTransient(error)) throw error;
      await sleep(10 * attempt + Math.floor(Math.random() * 40));
    }
  }
}
