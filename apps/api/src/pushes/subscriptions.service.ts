import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MAX_TEMPLATES_PER_REQUEST, type TemplatePurpose } from '@jiayi/domain';
import type { NotificationTemplate, Subscription } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { refusal } from '../common/api-error';
import type { TemplateConfig } from '../config/notification-templates';
import { inTransaction } from '../database/transaction';
import { SubscriptionsDto } from './dto/subscriptions.dto';
import { pushesConfig, PushesConfig } from './pushes.config';
import { SubscriptionLedger } from './subscription.entity';

/**
 * The templates the mini-program may ask for, and the ledger of what each account allowed:
 * a one-time acceptance adds one message, a long-term one stays on until refused. Each answer is
 * one conditional update of the account's row for the template.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(pushesConfig.KEY) private readonly config: PushesConfig,
  ) {}

  templates(): NotificationTemplate[] {
    return this.config.templates.map(({ purpose, templateId, kind, title }) => ({ purpose, templateId, kind, title }));
  }

  template(purpose: TemplatePurpose): TemplateConfig {
    return this.config.templates.find((t) => t.purpose === purpose)!;
  }

  async record(auth: AuthContext, dto: SubscriptionsDto): Promise<Subscription[]> {
    if (dto.results.length > MAX_TEMPLATES_PER_REQUEST) throw refusal('SUBSCRIPTION.TOO_MANY', `一次最多订阅${MAX_TEMPLATES_PER_REQUEST}个消息`, 'results');
    const templates = dto.results.map((result, index) => {
      const template = this.config.templates.find((t) => t.templateId === result.templateId);
      if (!template) throw refusal('SUBSCRIPTION.UNKNOWN_TEMPLATE', '没有这个消息模板', `results.${index}.templateId`);
      return template;
    });
    if (new Set(templates.map((t) => t.kind)).size > 1) throw refusal('SUBSCRIPTION.MIXED_KINDS', '一次性订阅和长期订阅不能同时申请', 'results');
    await inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(SubscriptionLedger);
      for (const [index, result] of dto.results.entries()) {
        const template = templates[index];
        const now = new Date();
        await repository
          .createQueryBuilder()
          .insert()
          .values({
            accountId: auth.accountId,
            templateId: template.templateId,
            kind: template.kind,
            remaining: 0,
            longTermOn: false,
            refusals: 0,
            lastAnswer: result.status,
            updatedAt: now,
          })
          .orIgnore()
          .execute();
        const update = repository.createQueryBuilder().update().set({ lastAnswer: result.status, updatedAt: now });
        if (result.status === 'accept' && template.kind === 'oneTime')
          update.set({ lastAnswer: result.status, updatedAt: now, remaining: () => 'remaining + 1' });
        if (result.status === 'accept' && template.kind === 'longTerm') update.set({ lastAnswer: result.status, updatedAt: now, longTermOn: true });
        if (result.status === 'reject' || result.status === 'ban')
          update.set({ lastAnswer: result.status, updatedAt: now, longTermOn: false, refusals: () => 'refusals + 1' });
        await update.where({ accountId: auth.accountId, templateId: template.templateId }).execute();
      }
    });
    const rows = await this.dataSource
      .getRepository(SubscriptionLedger)
      .findBy({ accountId: auth.accountId, templateId: In(templates.map((t) => t.templateId)) });
    return rows.map((row) => ({
      templateId: row.templateId,
      kind: row.kind,
      remaining: row.remaining,
      longTermOn: row.longTermOn,
      lastAnswer: row.lastAnswer,
    }));
  }
}
