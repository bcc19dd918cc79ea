import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** Referrals: hospital slot pools (held/capacity), referrals with their open key, down-referrals. */
export class Referrals1765000100000 implements MigrationInterface {
  name = 'Referrals1765000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'referral_slot_pools',
        columns: [
          col.id(),
          col.ref('hospitalId'),
          col.text('department', 30),
          col.date('date'),
          col.text('period', 2),
          col.int('capacity'),
          col.int('held', { default: '0' }),
          col.bool('closed', { default: '0' }),
          col.ref('createdBy'),
          col.time('createdAt'),
          col.time('updatedAt'),
        ],
        indices: [
          { name: 'UQ_referral_slot_pools_slot', columnNames: ['hospitalId', 'department', 'date', 'period'], isUnique: true },
          { name: 'IDX_referral_slot_pools_hospital_date', columnNames: ['hospitalId', 'date'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'referrals',
        columns: [
          col.id(),
          col.ref('personId'),
          col.ref('contractId'),
          col.ref('teamId'),
          col.ref('doctorId'),
          col.ref('institutionId'),
          col.ref('regionId'),
          col.ref('hospitalId'),
          col.text('department', 30),
          col.ref('slotId'),
          col.date('date'),
          col.text('period', 2),
          col.text('status', 12),
          col.longText('reasonCipher'),
          col.text('requestedBy', 10),
          col.ref('requestedByAccountId'),
          col.time('holdExpiresAt', { isNullable: true }),
          col.time('approvedAt', { isNullable: true }),
          col.ref('approvedBy', { isNullable: true }),
          col.text('declineReason', 200, { isNullable: true }),
          col.time('endedAt', { isNullable: true }),
          col.ref('outcomeBy', { isNullable: true }),
          col.longText('feedbackCipher', { isNullable: true }),
          col.time('feedbackAt', { isNullable: true }),
          col.text('openKey', 120, { isNullable: true }),
          col.time('createdAt'),
        ],
        indices: [
          { name: 'UQ_referrals_open_key', columnNames: ['openKey'], isUnique: true },
          { name: 'IDX_referrals_person', columnNames: ['personId'] },
          { name: 'IDX_referrals_team_status', columnNames: ['teamId', 'status'] },
          { name: 'IDX_referrals_hospital_date', columnNames: ['hospitalId', 'date'] },
          { name: 'IDX_referrals_status_hold', columnNames: ['status', 'holdExpiresAt'] },
          { name: 'IDX_referrals_status_date', columnNames: ['status', 'date'] },
          { name: 'IDX_referrals_slot', columnNames: ['slotId'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'down_referrals',
        columns: [
          col.id(),
          col.ref('referralId'),
          col.ref('personId'),
          col.ref('teamId'),
          col.ref('institutionId'),
          col.ref('regionId'),
          col.ref('hospitalId'),
          col.longText('summaryCipher'),
          col.longText('planCipher'),
          col.ref('sentBy'),
          col.time('sentAt'),
          col.time('acknowledgedAt', { isNullable: true }),
          col.ref('acknowledgedBy', { isNullable: true }),
        ],
        indices: [
          { name: 'UQ_down_referrals_referral', columnNames: ['referralId'], isUnique: true },
          { name: 'IDX_down_referrals_team_ack', columnNames: ['teamId', 'acknowledgedAt'] },
          { name: 'IDX_down_referrals_hospital', columnNames: ['hospitalId'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('down_referrals');
    await runner.dropTable('referrals');
    await runner.dropTable('referral_slot_pools');
  }
}
