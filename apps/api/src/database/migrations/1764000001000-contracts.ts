import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** Contracts (with the unique open slot that allows one open contract per person) and informed refusals. */
export class Contracts1764000001000 implements MigrationInterface {
  name = 'Contracts1764000001000';

  private readonly tables = [
    new Table({
      name: 'contracts',
      columns: [
        col.id(),
        col.ref('personId'),
        col.ref('teamId'),
        col.ref('doctorId'),
        col.ref('institutionId'),
        col.ref('regionId'),
        col.text('status', 12),
        col.date('startDate'),
        col.date('endDate'),
        col.int('years'),
        col.json('packageCodes'),
        col.json('fees'),
        col.text('signedBy', 10),
        col.text('agreementVersion', 20),
        col.text('agreementHash', 64),
        col.ref('renewalOf', { isNullable: true }),
        col.ref('householdSigningId'),
        col.text('channel', 12),
        col.bool('insuranceAuthorized'),
        col.time('insuranceAuthorizedAt', { isNullable: true }),
        col.time('guardianConsentAt', { isNullable: true }),
        col.time('residentConfirmedAt'),
        col.time('doctorConfirmedAt', { isNullable: true }),
        col.ref('confirmedByStaffId', { isNullable: true }),
        col.longText('confirmedTagsCipher', { isNullable: true }),
        col.text('rejectionReason', 200, { isNullable: true }),
        col.text('terminationReason', 20, { isNullable: true }),
        col.time('terminatedAt', { isNullable: true }),
        col.time('createdAt'),
        col.text('openSlot', 50, { isNullable: true }),
        col.bool('holdsPlace', { default: '0' }),
      ],
      indices: [
        { name: 'UQ_contracts_open_slot', columnNames: ['openSlot'], isUnique: true },
        { name: 'IDX_contracts_person', columnNames: ['personId'] },
        { name: 'IDX_contracts_team_status', columnNames: ['teamId', 'status'] },
        { name: 'IDX_contracts_doctor', columnNames: ['doctorId'] },
        { name: 'IDX_contracts_institution_status', columnNames: ['institutionId', 'status'] },
        { name: 'IDX_contracts_region_status', columnNames: ['regionId', 'status'] },
        { name: 'IDX_contracts_renewal_of', columnNames: ['renewalOf'] },
        { name: 'IDX_contracts_status_end', columnNames: ['status', 'endDate'] },
      ],
    }),
    new Table({
      name: 'signing_refusals',
      columns: [
        col.id(),
        col.text('name', 50),
        col.longText('idNumberCipher'),
        col.text('idNumberHash', 64),
        col.text('idNumberMasked', 18),
        col.longText('phoneCipher', { isNullable: true }),
        col.ref('personId', { isNullable: true }),
        col.ref('teamId'),
        col.ref('institutionId'),
        col.ref('regionId'),
        col.text('reason', 200),
        col.ref('recordedByStaffId'),
        col.time('createdAt'),
      ],
      indices: [
        { name: 'IDX_signing_refusals_team', columnNames: ['teamId'] },
        { name: 'IDX_signing_refusals_institution', columnNames: ['institutionId'] },
        { name: 'IDX_signing_refusals_region', columnNames: ['regionId'] },
        { name: 'IDX_signing_refusals_id_number_hash', columnNames: ['idNumberHash'] },
      ],
    }),
  ];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of this.tables) await queryRunner.createTable(table, false, false, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...this.tables].reverse()) await queryRunner.dropTable(table.name);
  }
}
