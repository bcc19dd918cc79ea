import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { TALLY_WARM_AT_START, TALLY_WARM_LEASE } from '../../src/indicators/team-tallies.job';
import { createApp } from '../../src/app.factory';
import { DemoIds, DemoSeedService } from '../../src/seed/demo-seed.service';
import { startWechatStandin, WechatStandin } from '../../src/wechat-standin/wechat-standin';
import { createTestDatabase, Dialect, TestDatabase } from './test-database';
import { placementDrift } from '../../src/people/placements';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  demo: DemoIds;
  wechat: WechatStandin;
  database: TestDatabase;
  /** A second app process on the same database (for races across instances). */
  startSecondInstance(): Promise<NestFastifyApplication>;
  close(): Promise<void>;
}

/**
 * The real Nest app on a fresh database (MariaDB by default), migrated and seeded with the demo
 * data, its WeChat calls going to a stand-in on a free port.
 */
export async function createTestApp(dialect: Dialect = 'mariadb'): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const wechat = await startWechatStandin();
  Object.assign(process.env, { NODE_ENV: 'test', DATABASE_URL: database.url, WECHAT_API_BASE: wechat.url, DEMO_SEED: '0', RESPONSE_CHECK: '1' });
  const boot = async () => {
    const app = await createApp({ logLevels: ['error'] });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // The tests warm the dashboard snapshots themselves (IndicatorsService.warmSnapshots): a warming run
    // between two steps of a test would change what its next request counts again.
    app.get(SchedulerRegistry).deleteInterval(TALLY_WARM_LEASE.name);
    app.get(SchedulerRegistry).deleteTimeout(TALLY_WARM_AT_START.name);
    return app;
  };
  const app = await boot();
  const demo = await app.get(DemoSeedService).seed();
  const others: NestFastifyApplication[] = [];
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    demo,
    wechat,
    database,
    startSecondInstance: async () => {
      const second = await boot();
      others.push(second);
      return second;
    },
    close: async () => {
      // Every write that moves a person keeps person_placements (src/people/placements.ts); a write
      // path (or a factory) that forgot it shows here, in whichever suite exercised it.
      const drift = await placementDrift(app.get(DataSource).manager).catch(() => []);
      for (const other of others) await other.close();
      await app.close();
      await wechat.close();
      await database.drop();
      if (drift.length > 0) throw new Error(`person_placements differs from the placement of ${drift.length} persons: ${JSON.stringify(drift.slice(0, 3))}`);
    },
  };
}
