import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** Reference data, accounts, people, packages, agreements, audit and idempotency. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  private readonly tables = [
    new Table({ name: 'regions', columns: [col.id(), col.text('name', 100), col.json('policy')] }),
    new Table({
      name: 'institutions',
      columns: [col.id(), col.ref('regionId'), col.text('name', 100), col.text('kind', 30), col.text('address', 200), col.text('phone', 30)],
      indices: [{ name: 'IDX_institutions_region', columnNames: ['regionId'] }],
    }),
    new Table({
      name: 'communities',
      columns: [col.id(), col.ref('institutionId'), col.text('name', 100)],
      indices: [{ name: 'IDX_communities_institution', columnNames: ['institutionId'] }],
    }),
    new Table({
      name: 'teams',
      columns: [col.id(), col.ref('institutionId'), col.text('name', 100), col.text('phone', 30)],
      indices: [{ name: 'IDX_teams_institution', columnNames: ['institutionId'] }],
    }),
    new Table({
      name: 'team_communities',
      columns: [col.ref('teamId', { isPrimary: true }), col.ref('communityId', { isPrimary: true })],
    }),
    new Table({
      name: 'doctors',
      columns: [
        col.id(),
        col.ref('teamId'),
        col.text('name', 50),
        col.text('title', 50),
        col.text('phone', 30),
        col.bool('isFamilyDoctor'),
        col.int('heldPlaces', { default: '0' }),
      ],
      indices: [{ name: 'IDX_doctors_team', columnNames: ['teamId'] }],
    }),
    new Table({
      name: 'hospitals',
      columns: [col.id(), col.ref('regionId'), col.text('name', 100), col.text('level', 20), col.text('address', 200), col.json('departments')],
      indices: [{ name: 'IDX_hospitals_region', columnNames: ['regionId'] }],
    }),
    new Table({
      name: 'staff_accounts',
      columns: [
        col.id(),
        col.text('username', 60),
        col.text('passwordHash', 200),
        col.text('role', 30),
        col.text('name', 50),
        col.ref('regionId'),
        col.ref('institutionId', { isNullable: true }),
        col.ref('teamId', { isNullable: true }),
        col.ref('doctorId', { isNullable: true }),
        col.ref('hospitalId', { isNullable: true }),
        col.bool('isDemo', { default: '0' }),
        col.int('failedLogins', { default: '0' }),
        col.time('lockedUntil', { isNullable: true }),
      ],
      indices: [{ name: 'UQ_staff_accounts_username', columnNames: ['username'], isUnique: true }],
    }),
    new Table({
      name: 'resident_accounts',
      columns: [
        col.id(),
        col.text('openid', 64),
        col.longText('sessionKeyCipher', { isNullable: true }),
        col.bool('sensitiveConsent', { default: '0' }),
        col.text('privacyPolicyVersion', 20, { isNullable: true }),
        col.time('consentAt', { isNullable: true }),
        col.time('createdAt'),
      ],
      indices: [{ name: 'UQ_resident_accounts_openid', columnNames: ['openid'], isUnique: true }],
    }),
    new Table({
      name: 'persons',
      columns: [
        col.id(),
        col.ref('accountId'),
        col.text('relation', 10),
        col.text('name', 50),
        col.longText('idNumberCipher'),
        col.text('idNumberHash', 64),
        col.text('idNumberMasked', 18),
        col.date('birthDate'),
        col.text('gender', 6),
        col.longText('phoneCipher', { isNullable: true }),
        col.ref('communityId', { isNullable: true }),
        col.longText('declaredTagsCipher'),
        col.time('guardianConsentAt', { isNullable: true }),
        col.time('createdAt'),
        col.time('updatedAt'),
      ],
      indices: [
        { name: 'UQ_persons_id_number_hash', columnNames: ['idNumberHash'], isUnique: true },
        { name: 'IDX_persons_account', columnNames: ['accountId'] },
        { name: 'IDX_persons_community', columnNames: ['communityId'] },
      ],
    }),
    new Table({
      name: 'service_packages',
      columns: [
        col.id(),
        col.ref('regionId'),
        col.text('code', 40),
        col.text('name', 100),
        col.text('kind', 20),
        col.json('targetTags'),
        col.longText('description'),
        col.json('items'),
        col.json('includes'),
        col.text('referenceCode', 20, { isNullable: true }),
        col.bool('active', { default: '1' }),
      ],
      indices: [{ name: 'UQ_service_packages_region_code', columnNames: ['regionId', 'code'], isUnique: true }],
    }),
    new Table({
      name: 'agreements',
      columns: [col.id(), col.text('version', 20), col.text('title', 100), col.longText('text'), col.text('hash', 64), col.time('effectiveFrom')],
      indices: [{ name: 'UQ_agreements_version', columnNames: ['version'], isUnique: true }],
    }),
    new Table({
      name: 'audit_logs',
      columns: [
        col.id(),
        col.ref('actorId'),
        col.text('actorRole', 30),
        col.text('action', 60),
        col.ref('personId', { isNullable: true }),
        col.text('resource', 40),
        col.ref('resourceId', { isNullable: true }),
        col.time('at'),
      ],
      indices: [
        { name: 'IDX_audit_logs_person', columnNames: ['personId'] },
        { name: 'IDX_audit_logs_actor', columnNames: ['actorId'] },
      ],
    }),
    new Table({
      name: 'idempotency_records',
      columns: [
        col.id(),
        col.ref('accountId'),
        col.text('key', 100),
        col.text('route', 200),
        col.int('statusCode'),
        col.longText('body'),
        col.time('createdAt'),
      ],
      indices: [{ name: 'UQ_idempotency_records_account_key', columnNames: ['accountId', 'key'], isUnique: true }],
    }),
  ];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of this.tables) await queryRunner.createTable(table, false, false, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...this.tables].reverse()) await queryRunner.dropTable(table.name);
  }
}
