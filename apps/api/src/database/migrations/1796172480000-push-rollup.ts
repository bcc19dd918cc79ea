import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { backfillPushRollups } from '../../indicators/push-rollup';
import { col } from './columns';

/**
 * 健康信息推送覆盖率 without a probe per push target: the quarters in which a push reached each
 * person, ORed into their `service_person_years` row of that year, and `push_rollups`, one row per
 * push already rolled up (indicators/push-rollup.ts). Filled from the pushes published so far.
 */
export class PushRollup1796172480000 implements MigrationInterface {
  name = 'PushRollup1796172480000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('service_person_years', new TableColumn(col.int('pushQuarters', { default: '0' })));
    await runner.createTable(new Table({ name: 'push_rollups', columns: [col.ref('pushId', { isPrimary: true }), col.time('rolledUpAt')] }));
    // The facts' push columns and the person marks come later (1796193420000 fills the columns from these rows).
    await backfillPushRollups(runner, runner.connection.options.type !== 'better-sqlite3', { factReach: false });
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('push_rollups');
    await runner.dropColumn('service_person_years', 'pushQuarters');
  }
}
