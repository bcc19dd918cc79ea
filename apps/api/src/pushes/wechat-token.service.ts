import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { wechatConfig, WechatConfig } from '../config/configuration';
import { writeOnce } from '../database/transaction';
import { WechatToken } from './wechat-token.entity';

/** Refreshed this long before it expires, so no instance sends with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A refresh claim older than this is abandoned (its instance died) and may be taken over. */
const REFRESH_CLAIM_MS = 15_000;

/**
 * WeChat's access token, shared by every API instance through one database row. An instance
 * that finds it missing or near expiry claims the refresh with a conditional update of that row
 * (`refreshUntil` lapsed), calls `stable_token` and stores the answer; the others wait and read
 * it. Never fetched per message.
 */
@Injectable()
export class WechatTokenService {
  private readonly logger = new Logger(WechatTokenService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(wechatConfig.KEY) private readonly config: WechatConfig,
  ) {}

  /** A token valid for at least a few more minutes. */
  async token(): Promise<string> {
    return this.await((row) => (this.usable(row) ? row!.accessToken : null), false, null);
  }

  /** WeChat said `rejected` is invalid (40001/42001): a new token, refreshed once by one instance. */
  async replace(rejected: string): Promise<string> {
    return this.await((row) => (this.usable(row) && row!.accessToken !== rejected ? row!.accessToken : null), true, rejected);
  }

  private usable(row: WechatToken | null): boolean {
    return !!row?.accessToken && !!row.expiresAt && row.expiresAt.getTime() - REFRESH_MARGIN_MS > Date.now();
  }

  private async await(current: (row: WechatToken | null) => string | null, force: boolean, rejected: string | null): Promise<string> {
    const repository = this.dataSource.getRepository(WechatToken);
    for (let attempt = 0; attempt < 100; attempt++) {
      const found = current(await repository.findOneBy({ appId: this.config.appId }));
      if (found) return found;
      const refreshed = await this.refresh(force, rejected);
      if (refreshed) return refreshed;
      await sleep(100);
    }
    throw new Error('WeChat access token unavailable');
  }

  /** Claims the refresh and performs it; null when another instance holds the claim. */
  private async refresh(force: boolean, rejected: string | null): Promise<string | null> {
    // Each write alone through writeOnce: two instances on two Galera nodes creating or claiming the
    // row at once meet as a certification conflict (1213), which is retried, never answered as an error.
    await writeOnce(this.dataSource, (manager) =>
      manager
        .getRepository(WechatToken)
        .createQueryBuilder()
        .insert()
        .values({ appId: this.config.appId, accessToken: null, expiresAt: null, refreshingBy: null, refreshUntil: null })
        .orIgnore()
        .execute(),
    );
    const claim = randomUUID();
    const now = new Date();
    const claimed = await writeOnce(this.dataSource, (manager) => {
      const update = manager
        .getRepository(WechatToken)
        .createQueryBuilder()
        .update()
        .set({ refreshingBy: claim, refreshUntil: new Date(now.getTime() + REFRESH_CLAIM_MS) })
        .where('appId = :appId AND (refreshUntil IS NULL OR refreshUntil < :now)', { appId: this.config.appId, now });
      // Only while the token is still the stale or rejected one: a fresher token means someone already refreshed.
      if (rejected) update.andWhere('(accessToken IS NULL OR accessToken = :rejected)', { rejected });
      else update.andWhere('(expiresAt IS NULL OR expiresAt < :soon)', { soon: new Date(now.getTime() + REFRESH_MARGIN_MS) });
      return update.execute();
    });
    if (claimed.affected !== 1) return null;
    try {
      const response = await fetch(`${this.config.apiBase}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret, force_refresh: force }),
        signal: AbortSignal.timeout(5000),
      });
      const answer = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number };
      if (!answer.access_token || !answer.expires_in) throw new Error(`stable_token refused: errcode ${answer.errcode ?? 'none'}`);
      const stored = { accessToken: answer.access_token, expiresAt: new Date(Date.now() + answer.expires_in * 1000), refreshingBy: null, refreshUntil: null };
      await writeOnce(this.dataSource, (manager) => manager.getRepository(WechatToken).update({ appId: this.config.appId, refreshingBy: claim }, stored));
      return answer.access_token;
    } catch (error) {
      this.logger.error(`access token refresh failed: ${(error as Error).message}`);
      await writeOnce(this.dataSource, (manager) =>
        manager.getRepository(WechatToken).update({ appId: this.config.appId, refreshingBy: claim }, { refreshingBy: null, refreshUntil: null }),
      );
      throw error;
    }
  }
}
