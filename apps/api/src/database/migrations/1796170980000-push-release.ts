import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from './columns';

/**
 * Pushes are released by the release job in chunks (issue 10): `releaseCursor` is the last person
 * id of the last chunk of targets and outbox rows committed, so a release cut short resumes after it.
 */
export class PushRelease1796170980000 implements MigrationInterface {
  name = 'PushRelease1796170980000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('pushes', new TableColumn(col.ref('releaseCursor', { isNullable: true })));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('pushes', 'releaseCursor');
  }
}
