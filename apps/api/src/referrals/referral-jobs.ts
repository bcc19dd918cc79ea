import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { noShowCutoff, todayInChina } from '@jiayi/domain';
import { ReferralsConfig, referralsConfig } from '../config/configuration';
import { runWithLease } from '../coordination/job-lease';
import { inTransaction } from '../database/transaction';
import { moveReferral } from './referral-ledger';
import { ReferralRecord } from './referral.entity';
import { ReferralsService } from './referrals.service';

const BATCH = 200;

/**
 * Expires holds the family doctor did not approve in time (their places return) and marks past
 * bookings without an outcome as no-shows after the grace period. At boot and then every
 * REFERRAL_SWEEP_SECONDS (5 minutes by default); a run still going skips the next tick. Safe with several API processes at once: each referral moves only by a conditional update
 * from its current status, so it is expired — and its place returned — exactly once.
 */
@Injectable()
export class ReferralJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReferralJobs.name);
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(referralsConfig.KEY) private readonly config: ReferralsConfig,
    private readonly referrals: ReferralsService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.scheduled();
    this.scheduler.addInterval(
      'referral-sweep',
      setInterval(() => this.tick(), this.config.sweepSeconds * 1000),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.scheduler.deleteInterval('referral-sweep');
    await this.running;
  }

  private tick(): void {
    if (this.busy) return;
    this.running = this.scheduled();
  }

  async scheduled(): Promise<void> {
    this.busy = true;
    try {
      // One instance sweeps per period (the lease lapses a little before the next tick); each move is a
      // conditional update anyway, so a second sweep would find nothing left to move.
      await runWithLease(this.dataSource, 'referral-sweep', Math.max(1000, this.config.sweepSeconds * 800), async () => {
        const expired = await this.expireHolds();
        const noShows = await this.markNoShows();
        if (expired + noShows > 0) this.logger.log(`${expired} referral holds expired, ${noShows} bookings marked no-show`);
      });
    } catch (error) {
      this.logger.error(`referral jobs failed: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  /** Expires every hold whose time ran out before `now`; returns how many this call expired. */
  async expireHolds(now = new Date()): Promise<number> {
    return this.sweep({ status: 'requested', holdExpiresAt: LessThan(now) }, async (row) =>
      inTransaction(this.dataSource, async (manager) => {
        if (!(await moveReferral(manager, row, 'requested', 'expired', { endedAt: now }))) return false;
        await this.referrals.notify(manager, row, 'referralExpired');
        return true;
      }),
    );
  }

  /** Marks bookings whose day is more than the grace period past as no-shows (the resident is told); the place stays used. */
  async markNoShows(today = todayInChina(new Date())): Promise<number> {
    const cutoff = noShowCutoff(today, this.config.noShowGraceDays);
    return this.sweep({ status: 'booked', date: LessThan(cutoff) }, async (row) =>
      inTransaction(this.dataSource, async (manager) => {
        if (!(await moveReferral(manager, row, 'booked', 'noShow', { endedAt: new Date() }))) return false;
        await this.referrals.notify(manager, row, 'referralNoShow');
        return true;
      }),
    );
  }

  private async sweep(where: object, moveOne: (row: ReferralRecord) => Promise<boolean>): Promise<number> {
    let moved = 0;
    let after = '';
    for (;;) {
      const due = await this.dataSource.getRepository(ReferralRecord).find({ where: { ...where, id: MoreThan(after) }, order: { id: 'ASC' }, take: BATCH });
      if (due.length === 0) return moved;
      for (const row of due) if (await moveOne(row)) moved++;
      after = due[due.length - 1].id;
    }
  }
}
