import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { todayInChina } from '@jiayi/domain';
import { Contract } from './contract.entity';
import { runWithLease } from '../coordination/job-lease';
import { inTransaction } from '../database/transaction';
import { closeContract, lockContract, mainSlot, releasePlace, renewalSlot } from './contract-ledger';

/** The scheduled run's lease: one instance expires contracts per hour (the lease outlasts a run by design). */
export const CONTRACT_EXPIRY_LEASE = { name: 'contract-expiry', ttlMs: 50 * 60_000 } as const;

/**
 * Marks active contracts whose end date has passed as expired, hourly and once at boot.
 * The scheduled run takes a lease so that one API instance does the work; `expireDue` itself is
 * still safe with several at once: each contract is locked and moved only from `active`,
 * so a contract is expired — and its place released or handed on — exactly once.
 */
@Injectable()
export class ContractExpiryJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ContractExpiryJob.name);
  private running: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.running = this.scheduled();
  }

  async onModuleDestroy(): Promise<void> {
    await this.running;
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'contract-expiry' })
  async scheduled(): Promise<void> {
    try {
      const outcome = await runWithLease(this.dataSource, CONTRACT_EXPIRY_LEASE.name, CONTRACT_EXPIRY_LEASE.ttlMs, () => this.expireDue());
      if (outcome.ran && outcome.value > 0) this.logger.log(`${outcome.value} contracts expired`);
    } catch (error) {
      this.logger.error(`contract expiry failed: ${(error as Error).message}`);
    }
  }

  /** Expires every active contract that ended before `today` (China date); returns how many this call expired. */
  async expireDue(today = todayInChina(new Date())): Promise<number> {
    let expired = 0;
    let after = '';
    for (;;) {
      const due = await this.dataSource.getRepository(Contract).find({
        select: { id: true },
        where: { status: 'active', endDate: LessThan(today), id: MoreThan(after) },
        order: { id: 'ASC' },
        take: 200,
      });
      if (due.length === 0) return expired;
      for (const { id } of due) if (await this.expireOne(id, today)) expired++;
      after = due[due.length - 1].id;
    }
  }

  /**
   * Expires one contract. A renewal waiting to continue it moves into the person's main slot, and
   * when it is with the same doctor it takes over the place instead of the place being released.
   */
  async expireOne(id: string, today: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const contract = await lockContract(manager, { id });
      if (!contract || contract.status !== 'active' || contract.endDate >= today) return false;
      if (!(await closeContract(manager, contract.id, 'active', 'expired'))) return false;
      const renewal = await lockContract(manager, { renewalOf: contract.id, openSlot: renewalSlot(contract.personId) });
      if (renewal) {
        await manager.update(Contract, { id: renewal.id }, { openSlot: mainSlot(renewal.personId) });
        if (contract.holdsPlace && !renewal.holdsPlace && renewal.doctorId === contract.doctorId) {
          await manager.update(Contract, { id: contract.id }, { holdsPlace: false });
          await manager.update(Contract, { id: renewal.id }, { holdsPlace: true });
          return true;
        }
      }
      await releasePlace(manager, contract);
      return true;
    });
  }
}
