import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MAX_TEMPLATES_PER_REQUEST, type SubscribeAnswer, type TemplatePurpose } from '@jiayi/domain';
import type { NotificationTemplate, Subscription, TemplateStats } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { staffScope, type StaffScope } from '../auth/staff-scope';
import { notFound, refusal } from '../common/api-error';
import type { TemplateConfig } from '../config/notification-templates';
import { inTransaction } from '../database/transaction';
import { SubscriptionsDto } from './dto/subscriptions.dto';
import { pushesConfig, PushesConfig } from './pushes.config';
import { SubscriptionLedger } from './subscription.entity';

/** The ledger column that counts each answer. */
const ANSWER_COUNTERS: Record<SubscribeAnswer, 'accepts' | 'rejects' | 'bans' | 'filters'> = {
  accept: 'accepts',
  reject: 'rejects',
  ban: 'bans',
  filter: 'filters',
};

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
            accepts: 0,
            rejects: 0,
            bans: 0,
            filters: 0,
            lastAnswer: result.status,
            updatedAt: now,
          })
          .orIgnore()
          .execute();
        const counter = ANSWER_COUNTERS[result.status];
        const base = { lastAnswer: result.status, updatedAt: now, [counter]: () => `${counter} + 1` };
        const update = repository.createQueryBuilder().update().set(base);
        if (result.status === 'accept' && template.kind === 'oneTime') update.set({ ...base, remaining: () => 'remaining + 1' });
        if (result.status === 'accept' && template.kind === 'longTerm') update.set({ ...base, longTermOn: true });
        if (result.status === 'reject' || result.status === 'ban') update.set({ ...base, longTermOn: false, refusals: () => 'refusals + 1' });
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

  /**
   * Per configured template, over the accounts of the caller's scope (a person of the account lives
   * in a community the scope serves, or has an active contract with it): the answers counted on the
   * ledger, the subscriptions left, and the messages sent or refused with 43101.
   */
  async stats(auth: AuthContext): Promise<TemplateStats[]> {
    const scope = staffScope(auth);
    if (!scope) throw notFound();
    const { sql: accounts, params } = scopeAccounts(scope);
    const ledger: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT s.templateId AS templateId, COUNT(*) AS accounts, SUM(s.accepts) AS accepts, SUM(s.rejects) AS rejects, SUM(s.bans) AS bans,
              SUM(s.filters) AS filters, SUM(s.remaining) AS remaining, SUM(CASE WHEN s.longTermOn THEN 1 ELSE 0 END) AS longTermOn
         FROM subscriptions s WHERE s.accountId IN (${accounts}) GROUP BY s.templateId`,
      params,
    );
    const outbox: { templateId: string; status: string; n: string | number }[] = await this.dataSource.query(
      `SELECT m.templateId AS templateId, m.status AS status, COUNT(*) AS n FROM outbox_messages m
        WHERE m.status IN ('sent', 'noQuota') AND m.accountId IN (${accounts}) GROUP BY m.templateId, m.status`,
      params,
    );
    return this.config.templates.map(({ templateId, purpose, kind, title }) => {
      const row = ledger.find((r) => r.templateId === templateId);
      const count = (name: string) => Number(row?.[name] ?? 0);
      const messages = (status: string) => Number(outbox.find((m) => m.templateId === templateId && m.status === status)?.n ?? 0);
      return {
        templateId,
        purpose,
        kind,
        title,
        accounts: count('accounts'),
        accepts: count('accepts'),
        rejects: count('rejects'),
        bans: count('bans'),
        filters: count('filters'),
        remaining: count('remaining'),
        longTermOn: count('longTermOn'),
        sent: messages('sent'),
        noQuota: messages('noQuota'),
      };
    });
  }
}

/** The resident accounts of a staff scope, as a subquery with its positional parameters. */
function scopeAccounts(scope: StaffScope): { sql: string; params: string[] } {
  const communities =
    scope.level === 'team'
      ? 'SELECT tc.communityId FROM team_communities tc WHERE tc.teamId = ?'
      : scope.level === 'institution'
        ? 'SELECT cm.id FROM communities cm WHERE cm.institutionId = ?'
        : 'SELECT cm.id FROM communities cm JOIN institutions i ON i.id = cm.institutionId WHERE i.regionId = ?';
  const contracts =
    scope.level === 'team'
      ? "SELECT c.personId FROM contracts c WHERE c.status = 'active' AND c.teamId = ?"
      : scope.level === 'institution'
        ? "SELECT c.personId FROM contracts c WHERE c.status = 'active' AND c.institutionId = ?"
        : "SELECT c.personId FROM contracts c JOIN institutions i ON i.id = c.institutionId WHERE c.status = 'active' AND i.regionId = ?";
  const id = scope.level === 'team' ? scope.teamId : scope.level === 'institution' ? scope.institutionId : scope.regionId;
  return {
    sql: `SELECT p.accountId FROM persons p WHERE p.accountId IS NOT NULL AND (p.communityId IN (${communities}) OR p.id IN (${contracts}))`,
    params: [id, id],
  };
}
