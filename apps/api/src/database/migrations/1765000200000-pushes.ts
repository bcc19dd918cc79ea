import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * Health information pushes and who they address, the outbox of WeChat subscribe messages, the
 * subscription ledger, the shared WeChat access token, and residents' feedback and complaints.
 */
export class Pushes1765000200000 implements MigrationInterface {
  name = 'Pushes1765000200000';

  private readonly tables = [
    new Table({
      name: 'pushes',
      columns: [
        col.id(),
        col.ref('regionId'),
        col.ref('institutionId'),
        col.ref('teamId', { isNullable: true }),
        col.ref('authorStaffId'),
        col.text('authorName', 50),
        col.text('title', 100),
        col.text('summary', 200),
        col.longText('body'),
        col.text('category', 20),
        col.text('coverUrl', 200, { isNullable: true }),
        col.json('audience'),
        col.text('status', 12),
        col.time('publishAt'),
        col.time('withdrawnAt', { isNullable: true }),
        col.int('targeted', { default: '0' }),
        col.json('targetedByTag', { isNullable: true }),
        col.time('createdAt'),
      ],
      indices: [
        { name: 'IDX_pushes_institution_created', columnNames: ['institutionId', 'createdAt'] },
        { name: 'IDX_pushes_status_publish', columnNames: ['status', 'publishAt'] },
      ],
    }),
    new Table({
      name: 'push_targets',
      columns: [
        col.ref('pushId', { isPrimary: true }),
        col.ref('personId', { isPrimary: true }),
        col.ref('accountId'),
        col.ref('teamId', { isNullable: true }),
        col.time('readAt', { isNullable: true }),
      ],
      indices: [{ name: 'IDX_push_targets_account', columnNames: ['accountId', 'pushId'] }],
    }),
    new Table({
      name: 'outbox_messages',
      columns: [
        col.id(),
        col.text('sourceType', 10),
        col.ref('sourceId'),
        col.ref('personId'),
        col.ref('accountId'),
        col.text('templateId', 64),
        col.text('page', 200),
        col.json('data'),
        col.text('status', 12),
        col.int('attempts', { default: '0' }),
        col.time('dueAt'),
        col.ref('claimedBy', { isNullable: true }),
        col.time('claimUntil', { isNullable: true }),
        col.bool('consumed', { default: '0' }),
        col.int('lastErrcode', { isNullable: true }),
        col.time('sentAt', { isNullable: true }),
        col.time('createdAt'),
      ],
      indices: [
        { name: 'UQ_outbox_messages_source_person_template', columnNames: ['sourceType', 'sourceId', 'personId', 'templateId'], isUnique: true },
        { name: 'IDX_outbox_messages_status_due', columnNames: ['status', 'dueAt'] },
        { name: 'IDX_outbox_messages_source', columnNames: ['sourceId', 'status'] },
      ],
    }),
    new Table({
      name: 'subscriptions',
      columns: [
        col.ref('accountId', { isPrimary: true }),
        col.text('templateId', 64, { isPrimary: true }),
        col.text('kind', 10),
        col.int('remaining', { default: '0' }),
        col.bool('longTermOn', { default: '0' }),
        col.int('refusals', { default: '0' }),
        col.text('lastAnswer', 10),
        col.time('updatedAt'),
      ],
      indices: [{ name: 'IDX_subscriptions_template', columnNames: ['templateId'] }],
    }),
    new Table({
      name: 'wechat_tokens',
      columns: [
        col.text('appId', 64, { isPrimary: true }),
        col.text('accessToken', 512, { isNullable: true }),
        col.time('expiresAt', { isNullable: true }),
        col.ref('refreshingBy', { isNullable: true }),
        col.time('refreshUntil', { isNullable: true }),
      ],
    }),
    new Table({
      name: 'feedback',
      columns: [
        col.id(),
        col.ref('accountId'),
        col.ref('personId'),
        col.ref('teamId'),
        col.ref('institutionId'),
        col.ref('regionId'),
        col.text('kind', 10),
        col.text('category', 20),
        col.text('text', 500),
        col.text('photoUrl', 200, { isNullable: true }),
        col.text('status', 12),
        col.text('reply', 500, { isNullable: true }),
        col.ref('handlerStaffId', { isNullable: true }),
        col.text('handlerName', 50, { isNullable: true }),
        col.time('createdAt'),
        col.time('updatedAt'),
        col.time('closedAt', { isNullable: true }),
      ],
      indices: [
        { name: 'IDX_feedback_institution_status', columnNames: ['institutionId', 'status', 'createdAt'] },
        { name: 'IDX_feedback_account', columnNames: ['accountId', 'createdAt'] },
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
