import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithLease } from '../coordination/job-lease';
import { OutboxDispatcher } from './outbox-dispatcher';
import { pushesConfig, PushesConfig } from './pushes.config';
import { PushesService } from './pushes.service';

/** The lease of the push release job: one instance of the cluster releases at a time. */
export const PUSH_RELEASE_LEASE = 'push-release';

/**
 * Every OUTBOX_POLL_MS, in every instance, two independent rounds: the release job (under the
 * `push-release` lease, so one instance at a time) publishes the pushes that are due, and the
 * dispatcher sends what the outbox holds (instances coordinate by the database's conditional
 * updates). A long release does not hold up sending. A round still running when the timer fires
 * again is not doubled.
 */
@Injectable()
export class OutboxJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxJob.name);
  private timer: NodeJS.Timeout | null = null;
  private releasing: Promise<number> | null = null;
  private draining: Promise<void> | null = null;
  /** Set at shutdown: a release in progress stops after its current chunk (the next round, anywhere, resumes it). */
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(pushesConfig.KEY) private readonly config: PushesConfig,
    private readonly pushes: PushesService,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.pollMs > 0) this.timer = setInterval(() => void this.tick(), this.config.pollMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping = true;
    await Promise.all([this.releasing, this.draining]);
  }

  tick(): Promise<void> {
    return Promise.all([this.release(), this.drain()]).then(() => undefined);
  }

  /** A push was stored due now: release it without waiting for the timer (when this instance runs the jobs at all). */
  nudge(): void {
    if (this.timer) void this.release();
  }

  /** One release round under the lease; how many pushes it published (0 when another instance holds the lease). */
  release(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    this.releasing ??= runWithLease(this.dataSource, PUSH_RELEASE_LEASE, Math.max(1000, Math.floor(this.config.pollMs * 0.8)), () =>
      this.pushes.releaseDue(new Date(), () => this.stopping),
    )
      .then((outcome) => (outcome.ran ? outcome.value : 0))
      .catch((error: Error) => {
        this.logger.error(`push release failed: ${error.message}`);
        return 0;
      })
      .finally(() => {
        this.releasing = null;
      });
    return this.releasing;
  }

  private drain(): Promise<void> {
    this.draining ??= this.dispatcher
      .drain(20)
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`outbox round failed: ${error.message}`))
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }
}
