import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ContractFacts } from './contract-facts';

/** Every five minutes, writes the facts of confirmed contracts that have none (see ContractFacts.catchUp). */
@Injectable()
export class ContractFactsJob {
  private readonly logger = new Logger(ContractFactsJob.name);

  constructor(private readonly facts: ContractFacts) {}

  @Interval(300_000)
  async run(): Promise<void> {
    try {
      while ((await this.facts.catchUp()) === 1000);
    } catch (error) {
      this.logger.error(`contract facts catch-up failed: ${(error as Error).message}`);
    }
  }
}
