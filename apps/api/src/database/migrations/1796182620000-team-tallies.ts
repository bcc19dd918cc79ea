import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from './columns';

/**
 * Per-team tally snapshots of the dashboard (indicators/team-tallies.ts, BENCHMARKS.md §6c): the
 * data version of each team's signing-month bucket, one conflict row per person written, and the
 * snapshots. All three start empty, which is their correct initial state: no snapshot means the
 * first dashboard request counts, and a missing version row reads as 0.
 */
export class TeamTallies1796182620000 implements MigrationInterface {
  name = 'TeamTallies1796182620000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'indicator_tally_versions',
        columns: [col.ref('teamId', { isPrimary: true }), col.int('bucket', { isPrimary: true }), col.int('version', { default: '0' })],
      }),
    );
    await runner.createTable(
      new Table({ name: 'indicator_person_marks', columns: [col.ref('personId', { isPrimary: true }), col.int('version', { default: '0' })] }),
    );
    await runner.createTable(
      new Table({
        name: 'indicator_team_tallies',
        columns: [col.text('windowKey', 80, { isPrimary: true }), col.ref('teamId', { isPrimary: true }), col.longText('tally'), col.time('computedAt')],
        indices: [new TableIndex({ name: 'IDX_indicator_team_tallies_computed', columnNames: ['computedAt'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('indicator_team_tallies');
    await runner.dropTable('indicator_person_marks');
    await runner.dropTable('indicator_tally_versions');
  }
}
