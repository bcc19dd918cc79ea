import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from './columns';

/**
 * The superseded contents of service packages (packages/package-versions.ts): a signed contract's
 * plan keeps the package as it was at signing. Starts empty: no edit has been kept yet, so every
 * contract reads the current content, as it did before.
 */
export class PackageVersions1796191980000 implements MigrationInterface {
  name = 'PackageVersions1796191980000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'service_package_versions',
        columns: [col.id(), col.ref('regionId'), col.text('code', 40), col.json('content'), col.time('supersededAt')],
        indices: [new TableIndex({ name: 'IDX_service_package_versions_code', columnNames: ['regionId', 'code', 'supersededAt'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('service_package_versions');
  }
}
