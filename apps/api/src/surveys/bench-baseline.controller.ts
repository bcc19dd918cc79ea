import { Body, Controller, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { dialectOf, timeParam } from './counter-sql';
import { Type } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

class BaselineDto {
  @IsString() @MaxLength(60) note: string;
}

/**
 * The baseline of the submission benchmark (bench/run.mjs): the same app, guard, validation and
 * driver, inserting one row. Mounted only when BENCH_ROUTES=1.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('insert-one')
  @Roles('resident')
  @ApiResult(Type.Object({ id: Type.String() }), { status: 201 })
  async insertOne(@Auth() auth: AuthContext, @Body() dto: BaselineDto) {
    const id = randomUUID();
    await this.dataSource.query('INSERT INTO audit_logs (id, actorId, actorRole, action, personId, resource, resourceId, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      id,
      auth.accountId,
      'resident',
      'bench.insert',
      null,
      dto.note,
      null,
      timeParam(dialectOf(this.dataSource), new Date()),
    ]);
    return { id };
  }
}
