import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { cutKeywordValue, noticePurpose, wechatTime } from '@jiayi/domain';
import type { KeywordSource, TemplateConfig } from '../config/notification-templates';
import { NoticesService } from '../notices/notices.service';
import type { ResidentNotice } from '../notices/resident-notice.entity';
import { insertIgnoring } from './bulk-insert';
import { OutboxMessage } from './outbox-message.entity';
import { SubscriptionLedger } from './subscription.entity';
import { SubscriptionsService } from './subscriptions.service';

/** What a message says, before the template's keywords pick from it. */
export interface MessageContent {
  title: string;
  body: string;
  time: Date;
  sender: string;
}

/** One message to queue: about `personId`, to the account that manages them. */
export interface OutboxRecipient {
  personId: string;
  accountId: string;
}

const CHUNK = 1000;

/**
 * Queues WeChat subscribe messages in the caller's transaction: one row per (source, person,
 * template) — the unique key makes queueing the same event twice a no-op — and only for accounts
 * whose ledger has a subscription left (or a long-term one on) at that moment.
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  constructor(
    private readonly notices: NoticesService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  onModuleInit(): void {
    this.notices.onRaised((manager, notice) => this.enqueueNotice(manager, notice));
  }

  /** Every event notice becomes a message of its purpose's template, when the account subscribed. */
  async enqueueNotice(manager: EntityManager, notice: ResidentNotice): Promise<void> {
    const template = this.subscriptions.template(noticePurpose(notice.kind));
    const page = notice.page.replace(/^\//, '');
    await this.enqueue(
      manager,
      'notice',
      notice.id,
      template,
      page,
      { title: notice.title, body: notice.body, time: notice.createdAt, sender: '家庭医生团队' },
      [{ personId: notice.personId, accountId: notice.accountId }],
    );
  }

  /** Queues one source's message for many recipients; returns how many rows were queued (rows already queued count no more). */
  async enqueue(
    manager: EntityManager,
    sourceType: OutboxMessage['sourceType'],
    sourceId: string,
    template: TemplateConfig,
    page: string,
    content: MessageContent,
    recipients: OutboxRecipient[],
    dueAt = new Date(),
  ): Promise<number> {
    const data = messageData(template, content);
    let queued = 0;
    for (let start = 0; start < recipients.length; start += CHUNK) {
      const chunk = recipients.slice(start, start + CHUNK);
      const allowed = await manager
        .getRepository(SubscriptionLedger)
        .createQueryBuilder('s')
        .select('s.accountId', 'accountId')
        .where('s.templateId = :templateId AND s.accountId IN (:...accountIds) AND (s.remaining > 0 OR s.longTermOn = :on)', {
          templateId: template.templateId,
          accountIds: [...new Set(chunk.map((r) => r.accountId))],
          on: true,
        })
        .getRawMany<{ accountId: string }>();
      const subscribed = new Set(allowed.map((a) => a.accountId));
      const rows: OutboxMessage[] = chunk
        .filter((r) => subscribed.has(r.accountId))
        .map((r) => ({
          id: randomUUID(),
          sourceType,
          sourceId,
          personId: r.personId,
          accountId: r.accountId,
          templateId: template.templateId,
          page,
          data,
          status: 'pending' as const,
          attempts: 0,
          dueAt,
          claimedBy: null,
          claimUntil: null,
          consumed: false,
          lastErrcode: null,
          sentAt: null,
          createdAt: new Date(),
        }));
      queued += await insertIgnoring(manager, OutboxMessage, rows);
    }
    return queued;
  }
}

/**
 * The `data` of a subscribe message: each keyword of the template filled from its source and cut
 * to its type's limit.
 * @example messageData(pushTemplate, { title: '冬季控压', … }) // → { thing1: { value: '冬季控压' }, … }
 */
export function messageData(template: TemplateConfig, content: MessageContent): Record<string, { value: string }> {
  const source = (name: KeywordSource) => (name === 'time' ? wechatTime(content.time) : content[name]);
  return Object.fromEntries(template.keywords.map((k) => [k.key, { value: cutKeywordValue(k.type, source(k.source)) }]));
}
