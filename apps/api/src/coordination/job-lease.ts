import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { writeOnce } from '../database/transaction';
import { JobLease } from './job-lease.entity';

/** The database's clock in milliseconds since the epoch: every instance judges expiry by the same clock. */
export function databaseNowMs(dataSource: DataSource): string {
  return dataSource.options.type === 'better-sqlite3'
    ? `CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)`
    : 'CAST(ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) AS SIGNED)';
}

export type LeaseOutcome<T> = { ran: true; value: T } | { ran: false };

const logger = new Logger('JobLease');

/**
 * Runs `fn` only if this caller takes the lease `name`, so that a periodic job runs on one API
 * instance at a time. The lease is one row of `job_leases`, taken by a conditional UPDATE (free when
 * its time has passed) or, the first time, an INSERT that only one caller wins (primary key); on a
 * Galera cluster the loser of a simultaneous take learns it as a certification conflict, which
 * `writeOnce` retries and which then finds the row taken. No named server locks: Galera does not replicate them.
 *
 * The lease lasts `ttlMs` and is renewed every third of it while `fn` runs; it is not released at
 * the end, so `ttlMs` is also the shortest gap between two runs anywhere (pick it a little below
 * the job's period). A holder that dies loses the lease when `ttlMs` passes.
 */
export async function runWithLease<T>(dataSource: DataSource, name: string, ttlMs: number, fn: () => Promise<T>): Promise<LeaseOutcome<T>> {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  if (!(await takeLease(dataSource, name, holder, ttlMs))) return { ran: false };
  const renewal = setInterval(
    () => {
      renewLease(dataSource, name, holder, ttlMs).then(
        (kept) => kept || logger.warn(`lease ${name} was taken over while its job still ran`),
        (error: Error) => logger.warn(`lease ${name} not renewed: ${error.message}`),
      );
    },
    Math.max(1000, Math.floor(ttlMs / 3)),
  );
  renewal.unref();
  try {
    return { ran: true, value: await fn() };
  } finally {
    clearInterval(renewal);
  }
}

/** Takes the lease when it is free or expired; true when `holder` now holds it. */
export async function takeLease(dataSource: DataSource, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = databaseNowMs(dataSource);
  const until = () => `${now} + ${Math.round(ttlMs)}`;
  const updated = await writeOnce(dataSource, (manager) =>
    manager.createQueryBuilder().update(JobLease).set({ holder, until }).where(`name = :name AND until < ${now}`, { name }).execute(),
  );
  if ((updated.affected ?? 0) > 0) return true;
  await writeOnce(dataSource, (manager) => manager.createQueryBuilder().insert().into(JobLease).values({ name, holder, until }).orIgnore().execute());
  const row = await dataSource.getRepository(JobLease).findOneBy({ name });
  return row?.holder === holder;
}

/** Extends a lease `holder` still holds; false when someone else has taken it meanwhile. */
async function renewLease(dataSource: DataSource, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = databaseNowMs(dataSource);
  const updated = await writeOnce(dataSource, (manager) =>
    manager
      .createQueryBuilder()
      .update(JobLease)
      .set({ until: () => `${now} + ${Math.round(ttlMs)}` })
      .where('name = :name AND holder = :holder', { name, holder })
      .execute(),
  );
  return (updated.affected ?? 0) > 0;
}
