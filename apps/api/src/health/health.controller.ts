import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth-context';
import { HealthSchema, type Health } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * 200 with the database's status, 503 when it does not answer within 2 s: a load balancer takes
   * the instance out while its database is away and back in when it returns (no restart needed:
   * the pool drops broken connections and opens new ones).
   */
  @Public()
  @Get()
  @ApiResult(HealthSchema, { errors: [503] })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('health check timed out')), 2000)));
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'ok', database: { status: 'up', type: this.dataSource.options.type, latencyMs: Date.now() - started } };
    } catch {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', message: '数据库暂时无法连接', database: { status: 'down', type: this.dataSource.options.type } };
    } finally {
      clearTimeout(timer);
    }
  }
}
