import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { TALLY_BUCKET_SQL } from '../../indicators/contract-facts';
import { col } from './columns';

const COUNTED = ['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid', 'firstSigning', 'renewed', 'coveredUntil', 'coverageGaps', 'personId'];

/**
 * `contract_facts.tallyBucket` (which of 64 parts of its team a fact's tally snapshot bucket is,
 * indicators/team-tallies.ts), filled from the person ids, and the team index led by it so that a
 * stale bucket is an index range. The snapshots and versions kept so far are cleared: their
 * buckets meant something else (empty is their correct initial state).
 */
export class TallyBuckets1796182680000 implements MigrationInterface {
  name = 'TallyBuckets1796182680000';

  async up(runner: QueryRunner): Promise<void> {
    const mariadb = runner.connection.options.type !== 'better-sqlite3';
    await runner.addColumn('contract_facts', new TableColumn(col.int('tallyBucket', { default: '0' })));
    await runner.query(`UPDATE contract_facts SET tallyBucket = ${mariadb ? TALLY_BUCKET_SQL.mariadb : TALLY_BUCKET_SQL.sqlite}`);
    await runner.dropIndex('contract_facts', 'IDX_contract_facts_team');
    await runner.createIndex('contract_facts', new TableIndex({ name: 'IDX_contract_facts_team', columnNames: ['teamId', 'tallyBucket', ...COUNTED] }));
    await runner.query('DELETE FROM indicator_team_tallies');
    await runner.query('DELETE FROM indicator_tally_versions');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('contract_facts', 'IDX_contract_facts_team');
    await runner.createIndex('contract_facts', new TableIndex({ name: 'IDX_contract_facts_team', columnNames: ['teamId', ...COUNTED] }));
    await runner.dropColumn('contract_facts', 'tallyBucket');
  }
}
