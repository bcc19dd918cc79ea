import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** The resident's notices: one row per event and person (unique), the source of WeChat notifications. */
export class Notices1765000000000 implements MigrationInterface {
  name = 'Notices1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'resident_notices',
        columns: [
          col.id(),
          col.ref('accountId'),
          col.ref('personId'),
          col.text('kind', 30),
          col.text('title', 100),
          col.text('body', 300),
          col.text('refType', 20),
          col.ref('refId'),
          col.text('page', 200),
          col.time('createdAt'),
          col.time('readAt', { isNullable: true }),
        ],
        indices: [
          { name: 'IDX_resident_notices_account_created', columnNames: ['accountId', 'createdAt'] },
          { name: 'UQ_resident_notices_event', columnNames: ['kind', 'refId', 'personId'], isUnique: true },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('resident_notices');
  }
}
