import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Errors after which the database has rolled the transaction back (or, for a lock wait timeout,
 * the statement, and the caller rolls back the rest) and running it again is correct:
 * - 1213 ER_LOCK_DEADLOCK: an InnoDB deadlock, and how Galera reports a certification conflict
 *   with a transaction committed first on another node (seen only at COMMIT);
 * - 1205 ER_LOCK_WAIT_TIMEOUT: a row lock held too long by another transaction;
 * - SQLITE_BUSY / SQLITE_LOCKED: another process holds the SQLite file.
 */
const TRANSIENT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
const TRANSIENT_ERRNOS = new Set([1213, 1205]);

/** A deadlock, certification conflict, lock wait timeout or busy SQLite file: nothing was written, the transaction may simply run again. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code ?? '';
  const errno = e?.driverError?.errno ?? e?.errno;
  return TRANSIENT_CODES.has(code) || (errno !== undefined && TRANSIENT_ERRNOS.has(errno));
}

/**
 * How often and how patiently a transient failure is retried. The back-off grows exponentially and
 * is drawn at random below that bound ("full jitter"), so two nodes whose transactions collided do
 * not collide again in lock-step.
 */
export const RETRY = { attempts: 6, baseDelayMs: 8, maxDelayMs: 400 } as const;

/** The pause before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling) + 1;
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

/** Runs `attemptOnce` again after a transient failure, at most `RETRY.attempts` times in all. */
async function withRetries<T>(attemptOnce: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (error) {
      if (attempt >= RETRY.attempts || !isTransient(error)) throw error;
      await sleep(retryDelay(attempt));
    }
  }
}

/**
 * Runs `work` in one transaction; the one place every write of the API goes through. When the
 * database reports a deadlock, a Galera certification conflict or a lock wait timeout, the whole
 * transaction runs again (at most `RETRY.attempts` times, with jittered back-off), so `work` must
 * do nothing outside the database that it cannot repeat. `isolation` applies on MariaDB only
 * (SQLite transactions are serialisable).
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
  const mariadbIsolation = dataSource.options.type === 'better-sqlite3' ? undefined : isolation;
  return withRetries(() => queued(dataSource, () => (mariadbIsolation ? dataSource.transaction(mariadbIsolation, work) : dataSource.transaction(work))));
}

/**
 * One write statement, atomic by itself (autocommit), with the retries of `inTransaction` but
 * without its BEGIN/COMMIT round trips: for the hot single-INSERT paths. On Galera an autocommitted
 * statement meets certification conflicts like a transaction does.
 */
export async function writeOnce<T>(dataSource: DataSource, statement: (manager: EntityManager) => Promise<T>): Promise<T> {
  return withRetries(() => queued(dataSource, () => statement(dataSource.manager)));
}
