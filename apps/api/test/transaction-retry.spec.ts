import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { inTransaction, isTransient, RETRY, retryDelay, writeOnce } from '../src/database/transaction';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Resolves when `count` callers have arrived: makes two transactions interleave the same way every run. */
function barrier(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return opened;
  };
}

describe('inTransaction retries transient failures (MariaDB)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('mariadb');
    dataSource = await new DataSource(dataSourceOptions(database.settings)).initialize();
    await dataSource.query('CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL) ENGINE=InnoDB');
  });
  beforeEach(async () => {
    await dataSource.query('DELETE FROM accounts');
    await dataSource.query('INSERT INTO accounts VALUES (1, 100), (2, 100)');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('runs the loser of a forced deadlock again: both transfers commit, each exactly once', async () => {
    const bothHoldFirstLock = barrier(2);
    const attempts = { ab: 0, ba: 0 };
    const transfer = (from: number, to: number, key: 'ab' | 'ba') =>
      inTransaction(dataSource, async (manager) => {
        attempts[key]++;
        await manager.query('UPDATE accounts SET balance = balance - 10 WHERE id = ?', [from]);
        // First attempts wait for each other, so each holds one row and asks for the other's: a deadlock.
        if (attempts[key] === 1) await bothHoldFirstLock();
        await manager.query('UPDATE accounts SET balance = balance + 10 WHERE id = ?', [to]);
        return attempts[key];
      });

    const results = await Promise.all([transfer(1, 2, 'ab'), transfer(2, 1, 'ba')]);
    expect(results.sort()).toEqual([1, 2]);
    expect(attempts.ab + attempts.ba).toBe(3);
    const rows: { id: number; balance: number }[] = await dataSource.query('SELECT id, balance FROM accounts ORDER BY id');
    expect(rows.map((r) => Number(r.balance))).toEqual([100, 100]);
  });

  it('runs a transaction again after a lock wait timeout (1205) and commits it once', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('UPDATE accounts SET balance = balance + 1 WHERE id = 1');
    setTimeout(() => void holder.commitTransaction().then(() => holder.release()), 1500);

    let attempts = 0;
    const started = Date.now();
    await inTransaction(dataSource, async (manager) => {
      attempts++;
      await manager.query('SET SESSION innodb_lock_wait_timeout = 1');
      await manager.query('UPDATE accounts SET balance = balance + 5 WHERE id = 1');
    });
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const [row] = await dataSource.query('SELECT balance FROM accounts WHERE id = 1');
    expect(Number(row.balance)).toBe(106);
  });

  it('gives up after RETRY.attempts and rethrows the deadlock; other errors are not retried', async () => {
    let attempts = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    await expect(
      inTransaction(dataSource, async () => {
        attempts++;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(attempts).toBe(RETRY.attempts);

    attempts = 0;
    await expect(
      writeOnce(dataSource, (manager) => {
        attempts++;
        return manager.query('INSERT INTO accounts VALUES (1, 0)');
      }),
    ).rejects.toMatchObject({ driverError: { code: 'ER_DUP_ENTRY' } });
    expect(attempts).toBe(1);
  });

  it('knows the transient errors by code or number, and backs off with jitter below a growing bound', () => {
    expect(isTransient({ driverError: { code: 'ER_LOCK_DEADLOCK', errno: 1213 } })).toBe(true);
    expect(isTransient({ errno: 1205 })).toBe(true);
    expect(isTransient({ code: 'SQLITE_BUSY' })).toBe(true);
    expect(isTransient({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(false);
    expect(isTransient(undefined)).toBe(false);
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, () => 0.999))).toEqual([16, 32, 64, 128]);
    expect(retryDelay(10, () => 0.999)).toBe(RETRY.maxDelayMs);
    expect(retryDelay(3, () => 0)).toBe(1);
  });
});
