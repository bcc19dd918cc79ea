import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** The columns the plan counts read after the area's prefix (indicators/plan-item.entity.ts). */
const PLAN_COUNTED = ['windowEnd', 'contractId', 'source', 'type', 'windowStart', 'doneOn'];

/**
 * `service_plan_items`: one row per item of a contract's service plan with the date of the service
 * that fulfils it, so that 慢病随访及时率 and 履约率 count for a team, an institution and the region
 * from an index range instead of deriving the plans per request (indicators/plan-items.ts). Filled
 * by 1796185620000-plan-items-fill, once the tally versions its writes bump exist.
 */
export class PlanItems1796181420000 implements MigrationInterface {
  name = 'PlanItems1796181420000';

  private readonly table = new Table({
    name: 'service_plan_items',
    columns: [
      col.text('id', 160, { isPrimary: true }),
      col.ref('contractId'),
      col.ref('personId'),
      col.ref('regionId'),
      col.ref('institutionId'),
      col.ref('teamId'),
      col.text('type', 20),
      col.text('source', 12),
      col.date('windowStart'),
      col.date('windowEnd'),
      col.date('doneOn', { isNullable: true }),
      col.ref('serviceId', { isNullable: true }),
      col.int('tallyBucket', { default: '0' }),
    ],
    indices: [
      { name: 'IDX_service_plan_items_region', columnNames: ['regionId', 'teamId', ...PLAN_COUNTED] },
      { name: 'IDX_service_plan_items_institution', columnNames: ['institutionId', 'teamId', ...PLAN_COUNTED] },
      { name: 'IDX_service_plan_items_team', columnNames: ['teamId', 'tallyBucket', ...PLAN_COUNTED] },
      { name: 'IDX_service_plan_items_contract', columnNames: ['contractId'] },
    ],
  });

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(this.table);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable(this.table.name);
  }
}
