import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { ACCOUNT_CHECKED_BY_ROUTE, AuthContext, IS_PUBLIC, Role, ROLES } from './auth-context';

/** Global guard: a valid bearer token on every route but the public ones, and the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new ApiError(401, '请先登录');
    let auth: AuthContext;
    try {
      const payload = await this.jwt.verifyAsync<AuthContext & { sub: string }>(token);
      auth = { ...payload, accountId: payload.sub };
    } catch {
      throw new ApiError(401, '登录已过期，请重新登录');
    }
    if (auth.role === 'resident' && !this.reflector.getAllAndOverride<boolean>(ACCOUNT_CHECKED_BY_ROUTE, targets)) {
      await requireResidentAccount(this.dataSource, auth.accountId);
    }
    request.auth = auth;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(auth.role)) throw new ApiError(403, '您没有权限进行此操作');
    return true;
  }
}

/** 401 unless the resident account still exists: a closed account (PIPL art. 47) is deleted, and its tokens stop working at once, not at expiry. */
export async function requireResidentAccount(dataSource: DataSource, accountId: string): Promise<void> {
  const rows: unknown[] = await dataSource.query('SELECT 1 AS found FROM resident_accounts WHERE id = ?', [accountId]);
  if (rows.length === 0) throw new ApiError(401, '账号已注销，请重新登录');
}
