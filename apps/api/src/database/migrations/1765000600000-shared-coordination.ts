import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * What API instances share besides the data: job leases (one runner of a periodic job at a time)
 * and the rate limiter's fixed-window counters. Both are one row per key, changed by single-row
 * conditional writes, so they hold on a multi-primary cluster too.
 */
export class SharedCoordination1765000600000 implements MigrationInterface {
  name = 'SharedCoordination1765000600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'job_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '60', isPrimary: true }, col.text('holder', 100),
          { name: 'until', type: 'bigint' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'rate_limit_hits',
        columns: [
          { name: 'bucketKey', type: 'varchar', length: '160', isPrimary: true }, col.int('hits'),
          { name: 'expiresAt', type: 'bigint' },
        ],
        indices: [{ name: 'IDX_rate_limit_hits_expires', columnNames: ['expiresAt'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('rate_limit_hits');
    await runner.dropTable('job_leases');
  }
}
