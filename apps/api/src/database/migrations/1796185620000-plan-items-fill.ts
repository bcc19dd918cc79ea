import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillPlanItems } from '../../indicators/plan-items';

/**
 * Fills `service_plan_items` from the planned contracts and their current service records (tags
 * decrypted with the environment's key, like the encrypted columns), after the tally versions exist:
 * each rewrite bumps its buckets (the plan counts are part of the tally snapshots,
 * indicators/team-tallies.ts). The snapshots kept so far lack the plan counts and are cleared.
 */
export class PlanItemsFill1796185620000 implements MigrationInterface {
  name = 'PlanItemsFill1796185620000';

  async up(runner: QueryRunner): Promise<void> {
    // The package versions table comes later (1796191980000): no catalogue edit had been kept yet.
    await backfillPlanItems(runner.manager, undefined, { versions: false });
    await runner.query('DELETE FROM indicator_team_tallies');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM service_plan_items');
  }
}
