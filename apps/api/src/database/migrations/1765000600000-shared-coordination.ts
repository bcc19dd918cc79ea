import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from './columns';

/**
 * What API instances share besides the data: job leases (one runner of a periodic job at a time)
 * and the rate limiter's fixed-window counters. Both are one row per key, changed by single-row
 * conditional writes, so they hold on a multi-primary cluster too.
 * And the facts a resident's survey submission records in its one INSERT … SELECT (birth date,
 * first signing date, declared key groups as of the submission), from which the roll-up derives the
 * respondent's groups.
 */
export class SharedCoordination1765000600000 implements MigrationInterface {
  name = 'SharedCoordination1765000600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'job_leases',
        columns: [{ name: 'name', type: 'varchar', length: '60', isPrimary: true }, col.text('holder', 100), { name: 'until', type: 'bigint' }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'rate_limit_hits',
        columns: [{ name: 'bucketKey', type: 'varchar', length: '160', isPrimary: true }, col.int('hits'), { name: 'expiresAt', type: 'bigint' }],
        indices: [{ name: 'IDX_rate_limit_hits_expires', columnNames: ['expiresAt'] }],
      }),
    );
    await runner.addColumns('survey_responses', [
      new TableColumn(col.date('birthDate', { isNullable: true })),
      new TableColumn(col.date('signedSince', { isNullable: true })),
      new TableColumn(col.longText('declaredTagsCipher', { isNullable: true })),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('survey_responses', ['declaredTagsCipher', 'signedSince', 'birthDate']);
    await runner.dropTable('rate_limit_hits');
    await runner.dropTable('job_leases');
  }
}
