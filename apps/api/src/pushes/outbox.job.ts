import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OutboxDispatcher } from './outbox-dispatcher';
import { pushesConfig, PushesConfig } from './pushes.config';
import { PushesService } from './pushes.service';

/**
 * Every OUTBOX_POLL_MS, in every instance: publish the scheduled pushes that are due, then send
 * what the outbox holds. Instances do not coordinate beyond the database's conditional updates.
 */
@Injectable()
export class OutboxJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(pushesConfig.KEY) private readonly config: PushesConfig,
    private readonly pushes: PushesService,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.pollMs > 0) this.timer = setInterval(() => this.tick(), this.config.pollMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round; a round still running when the timer fires again is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      await this.pushes.releaseDue();
      await this.dispatcher.drain(20);
    } catch (error) {
      this.logger.error(`outbox round failed: ${(error as Error).message}`);
    }
  }
}
