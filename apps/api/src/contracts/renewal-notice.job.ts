import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, DEFAULT_REGION_POLICY, formatChineseDate, todayInChina } from '@jiayi/domain';
import { inTransaction } from '../database/transaction';
import { NoticesService } from '../notices/notices.service';
import { Region } from '../reference/region.entity';
import { Contract } from './contract.entity';

/**
 * Tells residents when their contract may be renewed (renewalWindowOpen), daily and at boot. The
 * notice's unique key (kind, contract, person) makes each contract's notice once, whichever
 * instance or day finds it first.
 */
@Injectable()
export class RenewalNoticeJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RenewalNoticeJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
  ) {}

  onApplicationBootstrap(): void {
    void this.scheduled();
  }

  @Cron(CronExpression.EVERY_DAY_AT_8AM, { name: 'renewal-notices', timeZone: 'Asia/Shanghai' })
  async scheduled(): Promise<void> {
    try {
      await this.notifyOpenWindows();
    } catch (error) {
      this.logger.error(`renewal notices failed: ${(error as Error).message}`);
    }
  }

  /** Raises the notice for every active, not yet renewed contract whose renewal window is open today; returns how many were new. */
  async notifyOpenWindows(today = todayInChina(new Date())): Promise<number> {
    let raised = 0;
    for (const region of await this.dataSource.getRepository(Region).find()) {
      const windowDays = region.policy?.renewalWindowDays ?? DEFAULT_REGION_POLICY.renewalWindowDays;
      let after = '';
      for (;;) {
        const contracts = await this.dataSource
          .getRepository(Contract)
          .createQueryBuilder('c')
          .where('c.regionId = :regionId AND c.status = :active AND c.endDate >= :today AND c.endDate <= :last AND c.id > :after', {
            regionId: region.id,
            active: 'active',
            today,
            last: addDays(today, windowDays),
            after,
          })
          .andWhere('NOT EXISTS (SELECT 1 FROM contracts r WHERE r.renewalOf = c.id AND r.status IN (:...open))', { open: ['pending', 'active'] })
          .orderBy('c.id', 'ASC')
          .take(200)
          .getMany();
        for (const contract of contracts) {
          const notice = await inTransaction(this.dataSource, (manager) =>
            this.notices.raise(manager, {
              personId: contract.personId,
              kind: 'renewalWindowOpen',
              body: `签约将于${formatChineseDate(contract.endDate)}到期，现在可以续约`,
              refType: 'contract',
              refId: contract.id,
              page: `/signing/contract/index?id=${contract.id}`,
            }),
          );
          if (notice) raised++;
        }
        if (contracts.length < 200) break;
        after = contracts[contracts.length - 1].id;
      }
    }
    return raised;
  }
}
