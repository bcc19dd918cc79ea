import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts `rows` of an entity with one raw multi-row `INSERT IGNORE` (MariaDB) / `INSERT OR IGNORE`
 * (SQLite) per `perStatement` rows, in the caller's transaction: rows whose unique key already
 * exists are skipped, so writing the same rows twice is a no-op. Values go through the driver's own
 * conversion (dates, JSON, booleans), as TypeORM's inserts do, without the query builder's per-row
 * cost. Returns how many rows were inserted.
 */
export async function insertIgnoring<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  perStatement = 1000,
): Promise<number> {
  if (rows.length === 0) return 0;
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((c) => !c.isVirtual);
  const verb = manager.connection.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE INTO' : 'INSERT IGNORE INTO';
  const head = `${verb} ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  let inserted = 0;
  try {
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const parameters: unknown[] = [];
      for (const row of chunk) for (const column of columns) parameters.push(driver.preparePersistentValue(column.getEntityValue(row), column) ?? null);
      const result = await runner.query(head + chunk.map(() => tuple).join(', '), parameters, true);
      inserted += Number(result.affected ?? 0);
    }
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
  return inserted;
}
