import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { retryDelayMs, sendOutcome, type OutboxStatus } from '@jiayi/domain';
import { wechatConfig, WechatConfig } from '../config/configuration';
import { inTransaction, isTransient } from '../database/transaction';
import { OutboxMessage } from './outbox-message.entity';
import { pushesConfig, PushesConfig } from './pushes.config';
import { SubscriptionLedger } from './subscription.entity';
import { WechatTokenService } from './wechat-token.service';

interface ClaimedRow {
  id: string;
  claim: string;
  accountId: string;
  templateId: string;
  page: string;
  data: string;
  consumed: number | boolean;
  attempts: number;
  openid: string;
}

/**
 * Sends the outbox's due messages; every API instance runs one. A row is ours only after a
 * COMMITTED conditional update set its claim (`claimedBy = <fresh id>` where it was unclaimed or
 * the claim lapsed) — a row lock would be invisible to the other nodes of a multi-primary
 * cluster, a committed claim is not. Then: take one subscription off the ledger (a conditional
 * update of the account's row), send, and record the outcome on the row, releasing the claim.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(pushesConfig.KEY) private readonly config: PushesConfig,
    @Inject(wechatConfig.KEY) private readonly wechat: WechatConfig,
    private readonly tokens: WechatTokenService,
  ) {}

  /** Dispatches batches until nothing is due (or `maxBatches`); returns how many rows this instance handled. */
  async drain(maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
    let handled = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const { due, claimed } = await this.dispatchBatch();
      if (due === 0) break;
      handled += claimed;
    }
    return handled;
  }

  /** Claims up to one batch of due rows and sends them: how many were due, how many this instance claimed. */
  async dispatchBatch(): Promise<{ due: number; claimed: number }> {
    const due = await this.dueIds();
    if (due.length === 0) return { due: 0, claimed: 0 };
    const token = await this.tokens.token();
    const claimed = await this.claim(due);
    const queue = [...claimed];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        try {
          await this.deliver(row, token);
        } catch (error) {
          // The claim lapses and another round takes the row again.
          this.logger.error(`outbox row ${row.id} not handled: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, claimed.length) }, worker));
    return { due: due.length, claimed: claimed.length };
  }

  private async dueIds(): Promise<string[]> {
    const now = new Date();
    const rows = await this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .where('o.status = :pending AND o.dueAt <= :now AND (o.claimedBy IS NULL OR o.claimUntil < :now)', { pending: 'pending', now })
      .orderBy('o.dueAt', 'ASC')
      .limit(this.config.batch * 3)
      .getRawMany<{ id: string }>();
    // Instances reading the same head of the queue would fight over the same rows: each takes a random part of it.
    const ids = rows.map((r) => r.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    return ids.slice(0, this.config.batch);
  }

  /** The conditional update that makes rows ours, committed on its own before anything is sent. */
  private async claim(ids: string[]): Promise<ClaimedRow[]> {
    const claim = randomUUID();
    const now = new Date();
    try {
      await this.dataSource
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ claimedBy: claim, claimUntil: new Date(now.getTime() + this.config.claimMs) })
        .where('id IN (:...ids) AND status = :pending AND (claimedBy IS NULL OR claimUntil < :now)', { ids, pending: 'pending', now })
        .execute();
    } catch (error) {
      // Another node's claim won the certification (Galera) or the row lock: these rows are theirs.
      if (isTransient(error)) return [];
      throw error;
    }
    const rows: Omit<ClaimedRow, 'claim'>[] = await this.dataSource.query(
      'SELECT o.id AS id, o.accountId AS accountId, o.templateId AS templateId, o.page AS page, o.data AS data, o.consumed AS consumed, ' +
        'o.attempts AS attempts, a.openid AS openid FROM outbox_messages o JOIN resident_accounts a ON a.id = o.accountId WHERE o.claimedBy = ?',
      [claim],
    );
    return rows.map((row) => ({ ...row, claim }));
  }

  private async deliver(row: ClaimedRow, token: string): Promise<void> {
    const { claim } = row;
    const longTerm = this.config.templates.find((t) => t.templateId === row.templateId)?.kind === 'longTerm';
    let consumed = Boolean(row.consumed);
    if (!consumed && !longTerm) {
      if (!(await this.consume(row))) return;
      consumed = true;
    } else {
      const current = await this.dataSource.getRepository(OutboxMessage).findOne({ where: { id: row.id }, select: { id: true, status: true } });
      // Withdrawn after the claim: nothing to send.
      if (current?.status !== 'pending') return;
    }
    let answer = await this.send(row, token);
    if (answer !== undefined && sendOutcome(answer) === 'refreshToken') answer = await this.send(row, await this.tokens.replace(token));
    const outcome = sendOutcome(answer);
    const now = new Date();
    const attempts = row.attempts + 1;
    const finish = (status: OutboxStatus, extra: Partial<OutboxMessage> = {}) =>
      this.dataSource.getRepository(OutboxMessage).update(
        { id: row.id, claimedBy: claim },
        { status, attempts, lastErrcode: answer ?? null, claimedBy: null, claimUntil: null, ...extra },
      );
    if (outcome === 'sent') {
      await finish('sent', { sentAt: now });
    } else if (outcome === 'noQuota') {
      // WeChat knows better than the ledger: nothing is left for this template.
      await this.dataSource.getRepository(SubscriptionLedger).update({ accountId: row.accountId, templateId: row.templateId }, { remaining: 0 });
      await finish('noQuota');
    } else if ((outcome === 'retry' || outcome === 'refreshToken') && attempts < this.config.maxAttempts) {
      await finish('pending', { dueAt: new Date(now.getTime() + retryDelayMs(attempts, this.config.retryBaseMs, this.config.retryMaxMs)) });
    } else {
      // Not delivered: the subscription was not used, give it back.
      await inTransaction(this.dataSource, async (manager) => {
        if (consumed && !longTerm) await manager.getRepository(SubscriptionLedger).increment({ accountId: row.accountId, templateId: row.templateId }, 'remaining', 1);
        await manager.getRepository(OutboxMessage).update({ id: row.id, claimedBy: claim }, { status: 'failed', attempts, lastErrcode: answer ?? null, claimedBy: null, claimUntil: null, consumed: false });
      });
      this.logger.warn(`outbox row ${row.id} failed after ${attempts} attempts: errcode ${answer ?? 'network'}`);
    }
  }

  /**
   * Takes one one-time subscription off the account's ledger and marks the row as having taken
   * it, in one transaction; false when the row is done instead (no subscription left, or withdrawn
   * meanwhile).
   */
  private async consume(row: ClaimedRow): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const marked = await manager.getRepository(OutboxMessage).update({ id: row.id, claimedBy: row.claim, status: 'pending', consumed: false }, { consumed: true });
      if (marked.affected !== 1) return false;
      const taken = await manager
        .createQueryBuilder()
        .update(SubscriptionLedger)
        .set({ remaining: () => 'remaining - 1' })
        .where('accountId = :accountId AND templateId = :templateId AND remaining > 0', { accountId: row.accountId, templateId: row.templateId })
        .execute();
      if (taken.affected === 1) return true;
      await manager.getRepository(OutboxMessage).update({ id: row.id }, { status: 'noQuota', consumed: false, claimedBy: null, claimUntil: null });
      return false;
    });
  }

  /** WeChat's errcode, or undefined when no answer came (network, timeout). */
  private async send(row: ClaimedRow, token: string): Promise<number | undefined> {
    try {
      const response = await fetch(`${this.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: row.openid, template_id: row.templateId, page: row.page, miniprogram_state: this.config.miniprogramState, lang: 'zh_CN',
          data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
        }),
        signal: AbortSignal.timeout(5000),
      });
      const answer = (await response.json()) as { errcode?: number };
      return answer.errcode ?? 0;
    } catch {
      return undefined;
    }
  }
}
