import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from './columns';

/**
 * The evaluation dashboard: population figures per community and year, the region's indicator
 * targets, and `contract_facts` — one narrow row per confirmed contract that the indicator
 * queries count instead of the contracts (whose key groups are encrypted).
 */
/** The columns the indicator counts read, after the area's prefix. */
const COUNTED = ['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid', 'firstSigning', 'renewed', 'personId'];

export class Indicators1765000400000 implements MigrationInterface {
  name = 'Indicators1765000400000';

  private readonly tables = [
    new Table({
      name: 'populations',
      columns: [
        col.ref('communityId', { isPrimary: true }),
        col.int('year', { isPrimary: true }),
        col.ref('institutionId'),
        col.ref('regionId'),
        col.int('residents'),
        col.json('groups'),
        col.ref('updatedBy'),
        col.time('updatedAt'),
      ],
      indices: [
        { name: 'IDX_populations_institution_year', columnNames: ['institutionId', 'year'] },
        { name: 'IDX_populations_region_year', columnNames: ['regionId', 'year'] },
      ],
    }),
    new Table({
      name: 'indicator_settings',
      columns: [col.ref('regionId', { isPrimary: true }), col.json('targets'), col.ref('updatedBy'), col.time('updatedAt')],
    }),
    new Table({
      name: 'contract_facts',
      columns: [
        col.ref('contractId', { isPrimary: true }),
        col.ref('personId'),
        col.ref('regionId'),
        col.ref('institutionId'),
        col.ref('teamId'),
        col.date('signedFrom'),
        col.date('signedUntil'),
        col.date('endDate'),
        col.int('groupMask'),
        col.ref('renewalOf', { isNullable: true }),
        col.bool('renewed', { default: '0' }),
        col.bool('firstSigning'),
        col.bool('paid'),
      ],
      // Covering indexes: a dashboard reads only the index of its area, never the rows.
      indices: [
        { name: 'IDX_contract_facts_region', columnNames: ['regionId', 'teamId', ...COUNTED] },
        { name: 'IDX_contract_facts_institution', columnNames: ['institutionId', 'teamId', ...COUNTED] },
        { name: 'IDX_contract_facts_team', columnNames: ['teamId', ...COUNTED] },
        { name: 'IDX_contract_facts_person', columnNames: ['personId', 'signedFrom'] },
        { name: 'IDX_contract_facts_renewal_of', columnNames: ['renewalOf'] },
      ],
    }),
  ];

  /** See indicators/service-record-index.ts. */
  private readonly serviceIndex = new TableIndex({
    name: 'IDX_service_records_indicators',
    columnNames: ['personId', 'type', 'current', 'serviceDate', 'bloodPressureOnTarget', 'glucoseOnTarget', 'createdAt'],
  });

  async up(runner: QueryRunner): Promise<void> {
    for (const table of this.tables) await runner.createTable(table);
    await runner.createIndex('service_records', this.serviceIndex);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('service_records', this.serviceIndex.name!);
    for (const table of [...this.tables].reverse()) await runner.dropTable(table.name);
  }
}
