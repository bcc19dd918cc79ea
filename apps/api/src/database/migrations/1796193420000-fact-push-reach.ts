import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col } from './columns';

const COUNTED = ['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid', 'firstSigning', 'renewed', 'coveredUntil', 'coverageGaps', 'personId'];

/**
 * `contract_facts.pushYear` and `pushQuarters`: the latest year a push reached the person and its
 * quarters, so that 推送覆盖率's numerator is read from the team index alone (indicators/push-rollup.ts
 * keeps them). Filled from the person-year rows; the team index is rebuilt to hold them. The tally
 * snapshots are cleared (their format changed with the push epoch, team-tallies.ts).
 */
export class FactPushReach1796193420000 implements MigrationInterface {
  name = 'FactPushReach1796193420000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('contract_facts', [
      new TableColumn(col.int('pushYear', { default: '0' })),
      new TableColumn(col.int('pushQuarters', { default: '0' })),
    ]);
    await runner.query(
      'UPDATE contract_facts SET pushYear = COALESCE((SELECT MAX(r.year) FROM service_person_years r WHERE r.personId = contract_facts.personId AND r.pushQuarters <> 0), 0)',
    );
    await runner.query(
      'UPDATE contract_facts SET pushQuarters = (SELECT r.pushQuarters FROM service_person_years r WHERE r.personId = contract_facts.personId AND r.year = contract_facts.pushYear) WHERE pushYear > 0',
    );
    await runner.dropIndex('contract_facts', 'IDX_contract_facts_team');
    await runner.createIndex(
      'contract_facts',
      new TableIndex({ name: 'IDX_contract_facts_team', columnNames: ['teamId', 'tallyBucket', ...COUNTED, 'pushYear', 'pushQuarters'] }),
    );
    await runner.query('DELETE FROM indicator_team_tallies');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('contract_facts', 'IDX_contract_facts_team');
    await runner.createIndex('contract_facts', new TableIndex({ name: 'IDX_contract_facts_team', columnNames: ['teamId', 'tallyBucket', ...COUNTED] }));
    await runner.dropColumns('contract_facts', ['pushYear', 'pushQuarters']);
  }
}
