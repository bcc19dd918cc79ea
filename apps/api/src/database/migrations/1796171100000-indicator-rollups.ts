import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { backfillCoverage } from '../../indicators/contract-facts';
import { backfillServiceYears } from '../../indicators/service-years';
import { col } from './columns';

/** The area indexes' columns after the prefix, before (1765000400000) and after this migration. */
const COUNTED_BEFORE = ['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid', 'firstSigning', 'renewed', 'personId'];
const COUNTED = ['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid', 'firstSigning', 'renewed', 'coveredUntil', 'coverageGaps', 'personId'];

const areaIndexes = (counted: string[]) => [
  new TableIndex({ name: 'IDX_contract_facts_region', columnNames: ['regionId', 'teamId', ...counted] }),
  new TableIndex({ name: 'IDX_contract_facts_institution', columnNames: ['institutionId', 'teamId', ...counted] }),
  new TableIndex({ name: 'IDX_contract_facts_team', columnNames: ['teamId', ...counted] }),
];

/**
 * Aggregates that make the region dashboard one pass over narrow rows (BENCHMARKS.md §6):
 * - `service_person_years`: per person and calendar year, the counts 查体率, 规范管理率 and 控制率
 *   read (kept by the service writes, see indicators/service-years.ts), filled from the records;
 * - `contract_facts.coveredUntil` / `coverageGaps` on each person's first fact: how long they stay
 *   signed without a break (新增接续率 without a probe per person), filled from the facts.
 * The area indexes are rebuilt to cover the two new columns; referrals and push targets get the
 * indexes of the dashboard's referral and push counts (indicators/activity-indexes.ts).
 */
export class IndicatorRollups1796171100000 implements MigrationInterface {
  name = 'IndicatorRollups1796171100000';

  private readonly serviceYears = new Table({
    name: 'service_person_years',
    columns: [
      col.ref('personId', { isPrimary: true }),
      col.int('year', { isPrimary: true }),
      col.int('checks', { default: '0' }),
      col.int('followUps', { default: '0' }),
      col.bool('bloodPressureLatest', { isNullable: true }),
      col.bool('glucoseLatest', { isNullable: true }),
      col.date('lastServiceDate', { isNullable: true }),
    ],
  });

  /** See indicators/activity-indexes.ts. */
  private readonly activityIndexes: [string, TableIndex][] = [
    ['referrals', new TableIndex({ name: 'IDX_referrals_region_date', columnNames: ['regionId', 'date'] })],
    ['referrals', new TableIndex({ name: 'IDX_referrals_institution_date', columnNames: ['institutionId', 'date'] })],
    ['push_targets', new TableIndex({ name: 'IDX_push_targets_person', columnNames: ['personId', 'pushId'] })],
  ];

  async up(runner: QueryRunner): Promise<void> {
    const mariadb = runner.connection.options.type !== 'better-sqlite3';
    for (const [table, index] of this.activityIndexes) await runner.createIndex(table, index);
    for (const index of areaIndexes(COUNTED_BEFORE)) await runner.dropIndex('contract_facts', index.name!);
    await runner.addColumns('contract_facts', [
      new TableColumn(col.date('coveredUntil', { isNullable: true })),
      new TableColumn(col.bool('coverageGaps', { default: '0' })),
    ]);
    await backfillCoverage(runner);
    for (const index of areaIndexes(COUNTED)) await runner.createIndex('contract_facts', index);
    await runner.createTable(this.serviceYears);
    await backfillServiceYears(runner, mariadb);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, index] of this.activityIndexes) await runner.dropIndex(table, index.name!);
    await runner.dropTable(this.serviceYears.name);
    for (const index of areaIndexes(COUNTED)) await runner.dropIndex('contract_facts', index.name!);
    await runner.dropColumns('contract_facts', ['coveredUntil', 'coverageGaps']);
    for (const index of areaIndexes(COUNTED_BEFORE)) await runner.createIndex('contract_facts', index);
  }
}
