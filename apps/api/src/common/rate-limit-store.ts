import type { DataSource } from 'typeorm';
import { writeOnce } from '../database/transaction';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Counts one request for `key` in the current fixed window and returns the window's count: one
 * upsert of one row (`rate_limit_hits`, key + window start), atomic on MariaDB (LAST_INSERT_ID
 * carries the new count back) and SQLite (RETURNING). On a Galera cluster two nodes counting the
 * same key meet as a certification conflict, which `writeOnce` retries, so no hit is lost.
 */
export async function countHit(dataSource: DataSource, key: string, windowMs: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
  const windowStart = now - (now % windowMs);
  const bucketKey = `${key}@${windowStart}`.slice(0, 160);
  const expiresAt = windowStart + windowMs;
  const current = await writeOnce(dataSource, async (manager) => {
    if (dataSource.options.type === 'better-sqlite3') {
      const rows: { hits: number }[] = await manager.query(
        'INSERT INTO rate_limit_hits (bucketKey, hits, expiresAt) VALUES (?, 1, ?) ON CONFLICT (bucketKey) DO UPDATE SET hits = hits + 1 RETURNING hits',
        [bucketKey, expiresAt],
      );
      return Number(rows[0].hits);
    }
    const result: { insertId: number } = await manager.query(
      'INSERT INTO rate_limit_hits (bucketKey, hits, expiresAt) VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)',
      [bucketKey, expiresAt],
    );
    // A fresh row leaves insertId at 0 (the table has no AUTO_INCREMENT): the first hit.
    return Number(result.insertId) || 1;
  });
  return { current, ttl: expiresAt - now };
}

/**
 * A store for @fastify/rate-limit that keeps its counters in the database every API instance
 * shares (the only thing they share), so a limit holds however many instances the load balancer
 * spreads a client over. Windows that have ended are swept now and then.
 */
export function databaseRateLimitStore(dataSource: DataSource) {
  let lastSweep = Date.now();
  const sweep = () => {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    void writeOnce(dataSource, (manager) => manager.query('DELETE FROM rate_limit_hits WHERE expiresAt < ?', [Date.now()])).catch(() => undefined);
  };
  return class DatabaseRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      sweep();
      countHit(dataSource, key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): DatabaseRateLimitStore {
      return this;
    }
  };
}
