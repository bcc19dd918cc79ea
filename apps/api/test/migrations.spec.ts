import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrations } from '../src/database/migrations';
import { createTestDatabase, Dialect, TestDatabase } from './support/test-database';

describe.each<Dialect>(['mariadb', 'sqlite'])('migrations on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataSource = await new DataSource(dataSourceOptions(database.settings)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('applies every migration to an empty database, and the entities then need no change', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));

    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration back to an empty schema', async () => {
    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const queryRunner = dataSource.createQueryRunner();
    const tables: string[] = [];
    for (const { tableName } of dataSource.entityMetadatas) if (await queryRunner.hasTable(tableName)) tables.push(tableName);
    await queryRunner.release();
    expect(tables).toEqual([]);
  });
});
