import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { retryDelayMs, sendOutcome, type OutboxStatus } from '@jiayi/domain';
import { wechatConfig, WechatConfig } from '../config/configuration';
import { inTransaction, isTransient, writeOnce } from '../database/transaction';
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
  consumed: boolean;
  attempts: number;
  openid: string;
}

/**
 * Sends the outbox's due messages; every API instance runs one. A row is ours only after a
 * COMMITTED conditional update set its claim (`claimedBy = <fresh id>` where it was unclaimed or
 * the claim lapsed) — a row lock would be invisible to the other nodes of a multi-primary
 * cluster, a committed claim is not. Then, per batch: take one subscription per row off the
 * accounts' ledger rows (one transaction), send, and record the outcomes, releasing the claim.
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
    if (claimed.length === 0) return { due: due.length, claimed: 0 };
    const queue = await this.takeSubscriptions(claimed);
    const sent: ClaimedRow[] = [];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        try {
          let answer = await this.send(row, token);
          if (answer !== undefined && sendOutcome(answer) === 'refreshToken') answer = await this.send(row, await this.tokens.replace(token));
          if (answer === 0) sent.push(row);
          else await this.settleFailure(row, answer);
        } catch (error) {
          // The claim lapses and another round takes the row again.
          this.logger.error(`outbox row ${row.id} not handled: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, queue.length) }, worker));
    await this.settleSent(sent);
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
      // Not retried on purpose: a conflict means another instance's claim won, and these rows are theirs.
      // eslint-disable-next-line no-restricted-syntax
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
    return rows.map((row) => ({ ...row, consumed: Boolean(row.consumed), claim }));
  }

  /**
   * In one transaction, with the claimed rows and the accounts' ledger rows locked: drops rows
   * withdrawn since the claim, takes one one-time subscription off the ledger for each row that
   * has not taken one yet, and closes as `noQuota` the rows whose account has none left. Returns
   * the rows to send. (A lock is only held inside this transaction; the claim itself was committed
   * before, so another node never sends these rows.)
   */
  private async takeSubscriptions(rows: ClaimedRow[]): Promise<ClaimedRow[]> {
    const claim = rows[0].claim;
    const lockable = this.dataSource.options.type !== 'better-sqlite3';
    return inTransaction(this.dataSource, async (manager) => {
      const current = manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('o')
        .select(['o.id', 'o.status', 'o.consumed'])
        .where('o.id IN (:...ids) AND o.claimedBy = :claim', { ids: rows.map((r) => r.id), claim });
      if (lockable) current.setLock('pessimistic_write');
      const pending = new Map((await current.getMany()).filter((o) => o.status === 'pending').map((o) => [o.id, o.consumed]));
      const live = rows.filter((r) => pending.has(r.id)).map((r) => ({ ...r, consumed: pending.get(r.id)! }));
      const toTake = live.filter((r) => !r.consumed && this.kind(r.templateId) === 'oneTime');
      const taken = new Set<string>();
      for (const templateId of new Set(toTake.map((r) => r.templateId))) {
        const wanting = toTake.filter((r) => r.templateId === templateId);
        const ledger = manager
          .getRepository(SubscriptionLedger)
          .createQueryBuilder('s')
          .select(['s.accountId', 's.remaining'])
          .where('s.templateId = :templateId AND s.accountId IN (:...accountIds)', { templateId, accountIds: [...new Set(wanting.map((r) => r.accountId))] });
        if (lockable) ledger.setLock('pessimistic_write');
        const left = new Map((await ledger.getMany()).map((l) => [l.accountId, l.remaining]));
        const takenPerAccount = new Map<string, number>();
        for (const row of wanting) {
          const remaining = left.get(row.accountId) ?? 0;
          if (remaining <= 0) continue;
          left.set(row.accountId, remaining - 1);
          takenPerAccount.set(row.accountId, (takenPerAccount.get(row.accountId) ?? 0) + 1);
          taken.add(row.id);
        }
        for (const count of new Set(takenPerAccount.values())) {
          const accountIds = [...takenPerAccount].filter(([, n]) => n === count).map(([accountId]) => accountId);
          await manager
            .createQueryBuilder()
            .update(SubscriptionLedger)
            .set({ remaining: () => `remaining - ${count}` })
            .where('templateId = :templateId AND accountId IN (:...accountIds)', { templateId, accountIds })
            .execute();
        }
      }
      const noQuota = toTake.filter((r) => !taken.has(r.id)).map((r) => r.id);
      if (taken.size > 0) await manager.update(OutboxMessage, { id: In([...taken]) }, { consumed: true });
      if (noQuota.length > 0) await manager.update(OutboxMessage, { id: In(noQuota) }, { status: 'noQuota', claimedBy: null, claimUntil: null });
      return live.filter((r) => !noQuota.includes(r.id)).map((r) => ({ ...r, consumed: r.consumed || taken.has(r.id) }));
    });
  }

  /** The accepted messages of a batch, recorded in one statement. */
  private async settleSent(rows: ClaimedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await writeOnce(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: 'sent', attempts: () => 'attempts + 1', lastErrcode: 0, sentAt: new Date(), claimedBy: null, claimUntil: null })
        .where('id IN (:...ids) AND claimedBy = :claim', { ids: rows.map((r) => r.id), claim: rows[0].claim })
        .execute(),
    );
  }

  /** A message WeChat did not accept: no quota left, retry later, or give up (and give the subscription back). */
  private async settleFailure(row: ClaimedRow, answer: number | undefined): Promise<void> {
    const outcome = sendOutcome(answer);
    const attempts = row.attempts + 1;
    const now = new Date();
    const finish = (status: OutboxStatus, extra: Partial<OutboxMessage> = {}) =>
      writeOnce(this.dataSource, (manager) =>
        manager
          .getRepository(OutboxMessage)
          .update({ id: row.id, claimedBy: row.claim }, { status, attempts, lastErrcode: answer ?? null, claimedBy: null, claimUntil: null, ...extra }),
      );
    if (outcome === 'noQuota') {
      // WeChat knows better than the ledger: nothing is left for this template.
      await writeOnce(this.dataSource, (manager) =>
        manager.getRepository(SubscriptionLedger).update({ accountId: row.accountId, templateId: row.templateId }, { remaining: 0 }),
      );
      await finish('noQuota');
    } else if ((outcome === 'retry' || outcome === 'refreshToken') && attempts < this.config.maxAttempts) {
      await finish('pending', { dueAt: new Date(now.getTime() + retryDelayMs(attempts, this.config.retryBaseMs, this.config.retryMaxMs)) });
    } else {
      // Not delivered: the subscription was not used, give it back.
      await inTransaction(this.dataSource, async (manager) => {
        if (row.consumed) await manager.getRepository(SubscriptionLedger).increment({ accountId: row.accountId, templateId: row.templateId }, 'remaining', 1);
        await manager
          .getRepository(OutboxMessage)
          .update(
            { id: row.id, claimedBy: row.claim },
            { status: 'failed', attempts, lastErrcode: answer ?? null, claimedBy: null, claimUntil: null, consumed: false },
          );
      });
      this.logger.warn(`outbox row ${row.id} failed after ${attempts} attempts: errcode ${answer ?? 'network'}`);
    }
  }

  private kind(templateId: string) {
    return this.config.templates.find((t) => t.templateId === templateId)?.kind;
  }

  /** WeChat's errcode, or undefined when no answer came (network, timeout). */
  private async send(row: ClaimedRow, token: string): Promise<number | undefined> {
    try {
      const response = await fetch(`${this.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: row.openid,
          template_id: row.templateId,
          page: row.page,
          miniprogram_state: this.config.miniprogramState,
          lang: 'zh_CN',
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
