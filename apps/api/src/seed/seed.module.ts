import { Module } from '@nestjs/common';
import { DEMO_SEED_CONTRIBUTIONS, DemoSeedService } from './demo-seed.service';

/**
 * The demo seed. A feature that brings demo data of its own provides a `DemoSeedContribution`,
 * imports its module here and lists the class in `inject`.
 */
@Module({
  providers: [
    DemoSeedService,
    { provide: DEMO_SEED_CONTRIBUTIONS, inject: [], useFactory: (...contributions: unknown[]) => contributions },
  ],
  exports: [DemoSeedService],
})
export class SeedModule {}
