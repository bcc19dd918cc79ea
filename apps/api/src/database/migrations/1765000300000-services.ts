import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from './columns';

/**
 * Service delivery (履约): the service records (versioned, never deleted), the signature captured at
 * on-site signing, the team's place counter (a region may cap a team), persons registered on site
 * without an account (claimed later), and the categories of residents who are not signed.
 */
export class Services1765000300000 implements MigrationInterface {
  name = 'Services1765000300000';

  private readonly serviceRecords = new Table({
    name: 'service_records',
    columns: [
      col.id(),
      col.ref('personId'),
      col.ref('contractId', { isNullable: true }),
      col.ref('teamId'),
      col.ref('institutionId'),
      col.ref('regionId'),
      col.text('type', 20),
      col.date('serviceDate'),
      col.text('channel', 10),
      col.text('planItemId', 80, { isNullable: true }),
      col.longText('measurementsCipher', { isNullable: true }),
      col.bool('onTarget', { isNullable: true }),
      col.bool('bloodPressureOnTarget', { isNullable: true }),
      col.bool('glucoseOnTarget', { isNullable: true }),
      col.longText('noteCipher', { isNullable: true }),
      col.bool('current'),
      col.int('version'),
      col.ref('lineageId'),
      col.ref('correctsId', { isNullable: true }),
      col.text('correctionReason', 200, { isNullable: true }),
      col.ref('recordedByStaffId'),
      col.longText('confirmationSignatureCipher', { isNullable: true }),
      col.text('confirmedVia', 10, { isNullable: true }),
      col.time('confirmedAt', { isNullable: true }),
      col.time('createdAt'),
    ],
    indices: [
      { name: 'IDX_service_records_team_date', columnNames: ['teamId', 'serviceDate'] },
      { name: 'IDX_service_records_person_type_date', columnNames: ['personId', 'type', 'serviceDate'] },
      { name: 'IDX_service_records_contract', columnNames: ['contractId'] },
      { name: 'IDX_service_records_institution_date', columnNames: ['institutionId', 'serviceDate'] },
      { name: 'IDX_service_records_lineage', columnNames: ['lineageId'] },
    ],
  });

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(this.serviceRecords, false, false, true);
    await runner.addColumn('contracts', new TableColumn(col.longText('signatureCipher', { isNullable: true })));
    await runner.addColumn('teams', new TableColumn(col.int('heldPlaces', { default: '0' })));
    await runner.query('UPDATE teams SET heldPlaces = (SELECT COUNT(*) FROM contracts c WHERE c.teamId = teams.id AND c.holdsPlace = 1)');
    await runner.changeColumn('persons', 'accountId', new TableColumn(col.ref('accountId', { isNullable: true })));
    await runner.addColumns('signing_refusals', [
      new TableColumn(col.text('category', 12, { default: "'refused'" })),
      new TableColumn(col.longText('noticePhotoCipher', { isNullable: true })),
      new TableColumn(col.time('updatedAt', { isNullable: true })),
      new TableColumn(col.ref('updatedByStaffId', { isNullable: true })),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('signing_refusals', ['category', 'noticePhotoCipher', 'updatedAt', 'updatedByStaffId']);
    await runner.changeColumn('persons', 'accountId', new TableColumn(col.ref('accountId')));
    await runner.dropColumn('teams', 'heldPlaces');
    await runner.dropColumn('contracts', 'signatureCipher');
    await runner.dropTable('service_records');
  }
}
