import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { runWithLease, takeLease } from '../src/coordination/job-lease';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, Dialect, TestDatabase } from './support/test-database';

describe.each<Dialect>(['mariadb', 'sqlite'])('job leases on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataSource = await new DataSource(dataSourceOptions(database.settings)).initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('lets exactly one of 10 simultaneous callers run the job; the others are told they did not', async () => {
    let runs = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        runWithLease(dataSource, 'race', 60_000, async () => {
          runs++;
          await sleep(50);
          return 'done';
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toEqual([{ ran: true, value: 'done' }]);
    const rows = await dataSource.query(`SELECT name FROM job_leases`);
    expect(rows).toHaveLength(1);
  });

  it('keeps the lease after the run for its time, then lets the next caller take it', async () => {
    expect((await runWithLease(dataSource, 'short', 400, async () => 1)).ran).toBe(true);
    expect((await runWithLease(dataSource, 'short', 400, async () => 2)).ran).toBe(false);
    await sleep(500);
    expect(await runWithLease(dataSource, 'short', 400, async () => 3)).toEqual({ ran: true, value: 3 });
  });

  it('renews the lease while a long job runs, so nobody else takes it meanwhile', async () => {
    let secondRan = false;
    const long = runWithLease(dataSource, 'long', 1200, async () => {
      await sleep(2000);
      return 'long';
    });
    await sleep(1500);
    expect(await takeLease(dataSource, 'long', 'intruder', 1200)).toBe(false);
    await runWithLease(dataSource, 'long', 1200, async () => (secondRan = true));
    expect(await long).toEqual({ ran: true, value: 'long' });
    expect(secondRan).toBe(false);
  });

  it('hands an expired lease of a vanished holder to the next caller', async () => {
    expect(await takeLease(dataSource, 'crashed', 'gone-instance', 200)).toBe(true);
    expect(await takeLease(dataSource, 'crashed', 'next-instance', 200)).toBe(false);
    await sleep(300);
    expect(await takeLease(dataSource, 'crashed', 'next-instance', 200)).toBe(true);
  });
});
