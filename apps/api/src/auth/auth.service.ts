import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { inTransaction, writeOnce } from '../database/transaction';
import { ApiError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { appConfig, AppConfig, authConfig, AuthConfig } from '../config/configuration';
import { Person } from '../people/person.entity';
import type { AuthContext } from './auth-context';
import { hashPassword, verifyPassword } from './password';
import { ResidentAccount } from './resident-account.entity';
import { StaffAccount } from './staff-account.entity';
import { WechatClient } from './wechat.client';
import type { LoginResult } from '@jiayi/contract';

const WRONG_CREDENTIALS = '用户名或密码错误';

@Injectable()
export class AuthService {
  /** Compared against when the username is unknown, so both answers take as long. */
  private readonly decoyHash = hashPassword(randomUUID());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly wechat: WechatClient,
    private readonly cipher: PiiCipher,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  async wechatLogin(code: string): Promise<LoginResult> {
    const session = await this.wechat.code2Session(code);
    const accounts = this.dataSource.getRepository(ResidentAccount);
    const sessionKeyCipher = this.cipher.encrypt(session.sessionKey);
    await inTransaction(this.dataSource, async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ResidentAccount)
        .values({ id: randomUUID(), openid: session.openid, sessionKeyCipher, sensitiveConsent: false, createdAt: new Date() })
        .orIgnore()
        .execute();
      await manager.update(ResidentAccount, { openid: session.openid }, { sessionKeyCipher });
    });
    const account = await accounts.findOneByOrFail({ openid: session.openid });
    const self = await this.dataSource.getRepository(Person).findOneBy({ accountId: account.id, relation: 'self' });
    return this.issue({ accountId: account.id, role: 'resident' }, self?.name ?? '居民');
  }

  async staffLogin(username: string, password: string): Promise<LoginResult> {
    const staff = this.dataSource.getRepository(StaffAccount);
    const account = await staff.findOneBy({ username });
    if (!account) {
      await verifyPassword(password, await this.decoyHash);
      throw new ApiError(401, WRONG_CREDENTIALS);
    }
    if (account.isDemo && !this.app.demoMode) throw new ApiError(401, '演示账号只能在演示环境中使用');
    if (account.lockedUntil && account.lockedUntil > new Date()) {
      throw new ApiError(429, `登录失败次数过多，账号已暂时锁定，请${this.config.lockoutMinutes}分钟后再试`);
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      await this.recordFailure(account.id);
      throw new ApiError(401, WRONG_CREDENTIALS);
    }
    await writeOnce(this.dataSource, (manager) => manager.update(StaffAccount, { id: account.id }, { failedLogins: 0, lockedUntil: null }));
    return this.issue(
      {
        accountId: account.id,
        role: account.role,
        regionId: account.regionId,
        institutionId: account.institutionId ?? undefined,
        teamId: account.teamId ?? undefined,
        doctorId: account.doctorId ?? undefined,
        hospitalId: account.hospitalId ?? undefined,
      },
      account.name,
    );
  }

  /** Counts a failure with one conditional update; the one that reaches the limit locks the account. */
  private async recordFailure(accountId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await manager.increment(StaffAccount, { id: accountId }, 'failedLogins', 1);
      await manager
        .createQueryBuilder()
        .update(StaffAccount)
        .set({ lockedUntil: new Date(Date.now() + this.config.lockoutMinutes * 60_000), failedLogins: 0 })
        .where('id = :id AND failedLogins >= :max', { id: accountId, max: this.config.maxFailedLogins })
        .execute();
    });
  }

  private async issue(auth: AuthContext, name: string): Promise<LoginResult> {
    const { accountId, ...claims } = auth;
    const clean = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
    const accessToken = await this.jwt.signAsync({ sub: accountId, ...clean }, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user: { id: accountId, name, ...clean } as LoginResult['user'] };
  }
}
