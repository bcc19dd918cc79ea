import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { notFound } from '../common/api-error';
import { Agreement } from './agreement.entity';

export const agreementHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The versioned agreement text residents accept. */
@Injectable()
export class AgreementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<Agreement> {
    const [agreement] = await manager.find(Agreement, { where: { effectiveFrom: LessThanOrEqual(new Date()) }, order: { effectiveFrom: 'DESC' }, take: 1 });
    if (!agreement) throw notFound('暂无签约协议');
    return agreement;
  }

  async byVersion(version: string, manager: EntityManager = this.dataSource.manager): Promise<Agreement | null> {
    return manager.findOneBy(Agreement, { version });
  }
}
