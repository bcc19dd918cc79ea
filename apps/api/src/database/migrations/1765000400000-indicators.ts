import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * The evaluation dashboard: population figures per community and year, the region's indicator
 * targets, and `contract_facts` — one narrow row per confirmed contract that the indicator
 * queries count instead of the contracts (whose key groups are encrypted).
 */
export class Indicators1765000400000 implements MigrationInterface {
  name = 'Indicators1765000400000';

  private readonly tables = [
    new Table({
      name: 'populations',
      columns: [
        col.ref('communityId', { isPrimary: true }), col.int('year', { isPrimary: true }), col.ref('institutionId'), col.ref('regionId'),
        col.int('residents'), col.json('groups'), col.ref('updatedBy'), col.time('updatedAt'),
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
        col.ref('contractId', { isPrimary: true }), col.ref('personId'), col.ref('regionId'), col.ref('institutionId'), col.ref('teamId'),
        col.date('signedFrom'), col.date('signedUntil'), col.date('endDate'), col.int('groupMask'), col.ref('renewalOf', { isNullable: true }),
        col.bool('renewed', { default: '0' }), col.bool('firstSigning'), col.bool('paid'),
      ],
      indices: [
        { name: 'IDX_contract_facts_region', columnNames: ['regionId', 'teamId', 'signedFrom'] },
        { name: 'IDX_contract_facts_institution', columnNames: ['institutionId', 'teamId', 'signedFrom'] },
        { name: 'IDX_contract_facts_team', columnNames: ['teamId', 'signedFrom'] },
        { name: 'IDX_contract_facts_person', columnNames: ['personId', 'signedFrom'] },
        { name: 'IDX_contract_facts_renewal_of', columnNames: ['renewalOf'] },
      ],
    }),
  ];

  async up(runner: QueryRunner): Promise<void> {
    for (const table of this.tables) await runner.createTable(table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...this.tables].reverse()) await runner.dropTable(table.name);
  }
}
