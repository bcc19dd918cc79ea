import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from './columns';

const ANSWER_COUNTS = ['accepts', 'rejects', 'bans', 'filters'];

/**
 * Issue 10, second part:
 * - pushes are released by the release job in chunks: `releaseCursor` is the last person id of the
 *   last chunk of targets and outbox rows committed, so a release cut short resumes after it;
 * - the subscription ledger counts each answer (`accepts`, `rejects`, `bans`, `filters`) for the
 *   per-template stats; earlier answers are not split out (they start at 0).
 */
export class PushRelease1796170980000 implements MigrationInterface {
  name = 'PushRelease1796170980000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('pushes', new TableColumn(col.ref('releaseCursor', { isNullable: true })));
    await runner.addColumns(
      'subscriptions',
      ANSWER_COUNTS.map((name) => new TableColumn(col.int(name, { default: '0' }))),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('subscriptions', ANSWER_COUNTS);
    await runner.dropColumn('pushes', 'releaseCursor');
  }
}
