import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { from, Observable, of, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import { writeOnce } from '../database/transaction';
import { badRequest } from './api-error';
import { IdempotencyRecord } from './idempotency-record.entity';

/**
 * `Idempotency-Key` on a creating POST: the first successful answer is stored per caller and key,
 * and a repeat returns it unchanged instead of creating again. Apply with
 * `@UseInterceptors(IdempotencyInterceptor)`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    const reply = context.switchToHttp().getResponse();
    const key: string | undefined = request.headers['idempotency-key'];
    const accountId: string | undefined = request.auth?.accountId;
    if (!key || !accountId) return next.handle();
    if (key.length > 100) throw badRequest('Idempotency-Key', 'Idempotency-Key 过长（最多100个字符）');
    const route = `${request.method} ${request.routeOptions?.url ?? request.url}`;
    const repository = this.dataSource.getRepository(IdempotencyRecord);
    return from(repository.findOneBy({ accountId, key })).pipe(
      switchMap((previous) => {
        if (previous) {
          if (previous.route !== route) throw badRequest('Idempotency-Key', '同一个 Idempotency-Key 不能用于不同的请求');
          reply.status(previous.statusCode);
          return of(JSON.parse(previous.body));
        }
        return next.handle().pipe(
          switchMap(async (body) => {
            await writeOnce(this.dataSource, (manager) =>
              manager
                .createQueryBuilder()
                .insert()
                .into(IdempotencyRecord)
                .values({
                  id: randomUUID(),
                  accountId,
                  key,
                  route,
                  statusCode: reply.statusCode ?? 201,
                  body: JSON.stringify(body ?? null),
                  createdAt: new Date(),
                })
                .orIgnore()
                .execute(),
            );
            return body;
          }),
        );
      }),
    );
  }
}
