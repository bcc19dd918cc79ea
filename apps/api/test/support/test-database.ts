import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseSettings } from '../../src/config/configuration';
import { parseDatabaseUrl } from '../../src/config/configuration';

export type Dialect = 'mariadb' | 'sqlite';

export interface TestDatabase {
  settings: DatabaseSettings;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a throwaway `jiayi_test_*` schema on the MariaDB
 * server named by TEST_DATABASE_URL (scripts/test.sh sets it up), or a SQLite file in a temp dir.
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jiayi-test-'));
    const url = `sqlite:${join(dir, 'test.sqlite')}`;
    return { settings: parseDatabaseUrl(url), url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');
  const name = `jiayi_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection(`${server}/`);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${server}/${name}`;
  return {
    settings: parseDatabaseUrl(url),
    url,
    drop: async () => {
      const connection = await createConnection(`${server}/`);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
