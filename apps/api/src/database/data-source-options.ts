import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseSettings } from '../config/configuration';
import { entities } from './entities';
import { migrations } from './migrations';

/**
 * TypeORM options for either dialect. `synchronize` is never on: the schema is the migrations'.
 * MariaDB runs in UTC with DATE columns returned as 'YYYY-MM-DD' strings, as SQLite does.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  if (settings.type === 'better-sqlite3') {
    if (settings.database !== ':memory:') mkdirSync(dirname(settings.database), { recursive: true });
    return { ...common, type: 'better-sqlite3', database: settings.database, enableWAL: true, busyTimeout: 5000 } as DataSourceOptions;
  }
  return {
    ...common,
    type: 'mariadb',
    host: settings.host,
    port: settings.port,
    username: settings.username,
    password: settings.password,
    database: settings.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    // A database that does not answer fails requests within 5 s (503) instead of holding them.
    connectTimeout: 5_000,
    extra: { connectionLimit: 20 },
  } as DataSourceOptions;
}
