import type { DataSource } from 'typeorm';

/** What the connected server can do beyond the SQL all supported servers share. */
export interface ServerFeatures {
  /** `INSERT … RETURNING`: MariaDB ≥ 10.5 and SQLite ≥ 3.35 have it; MySQL and TiDB do not. */
  insertReturning: boolean;
}

const known = new WeakMap<DataSource, Promise<ServerFeatures>>();

/**
 * The server's features, asked once per data source (`SELECT VERSION()`). A failed probe (the
 * database away) is forgotten, so the next call asks again.
 */
export function serverFeatures(dataSource: DataSource): Promise<ServerFeatures> {
  let features = known.get(dataSource);
  if (!features) {
    features = probe(dataSource);
    known.set(dataSource, features);
    features.catch(() => known.delete(dataSource));
  }
  return features;
}

/** Tests: make the code take the paths of a server with these features (a MySQL server, say). */
export function assumeServerFeatures(dataSource: DataSource, features: ServerFeatures): void {
  known.set(dataSource, Promise.resolve(features));
}

async function probe(dataSource: DataSource): Promise<ServerFeatures> {
  if (dataSource.options.type === 'better-sqlite3') return { insertReturning: true };
  const [row]: { version: string }[] = await dataSource.query('SELECT VERSION() AS version');
  return { insertReturning: mariadbAtLeast(String(row.version), 10, 5) };
}

/** `10.11.6-MariaDB-0+deb12u1` → true for 10.5; a MySQL version string (no "MariaDB") → false. */
export function mariadbAtLeast(version: string, major: number, minor: number): boolean {
  if (!/mariadb/i.test(version)) return false;
  const [ownMajor, ownMinor] = version.split('.').map((part) => parseInt(part, 10));
  return ownMajor > major || (ownMajor === major && ownMinor >= minor);
}
