import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { usePushTestSettings } from '../support/push-factories';
import { createTestApp, TestApp } from '../support/test-app';

type Http = ReturnType<typeof request>;

/** Node n of the cluster scripts/galera.sh starts (GALERA_BASE_PORT as there). */
export function nodeServerUrl(n: 1 | 2 | 3): string {
  const base = Number(process.env.GALERA_BASE_PORT ?? 3410);
  return `mysql://jiayi:jiayi@127.0.0.1:${base + n}`;
}

/**
 * Two API instances on a three-node Galera cluster: instance 0 writes through node 1, instance 1
 * through node 2, on one fresh database. `t` is instance 0 (its dataSource reads through node 1;
 * the cluster runs with wsrep_sync_wait=1, so those reads see every committed write).
 */
export interface ClusterApps {
  t: TestApp;
  second: NestFastifyApplication;
  servers: [Http, Http];
  dataSources: [DataSource, DataSource];
  close(): Promise<void>;
}

export async function startClusterApps(): Promise<ClusterApps> {
  const saved = { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_URL: process.env.DATABASE_URL };
  process.env.TEST_DATABASE_URL = nodeServerUrl(1);
  // Outbox: no timer (the outbox race dispatches explicitly), small batches so both instances take part.
  usePushTestSettings();
  const t = await createTestApp('mariadb');
  process.env.DATABASE_URL = t.database.url.replace(nodeServerUrl(1), nodeServerUrl(2));
  const second = await t.startSecondInstance();
  const secondUrl = (second.get(DataSource).options as { port?: number }).port;
  if (secondUrl !== Number(new URL(nodeServerUrl(2)).port)) throw new Error('the second instance is not on node 2');
  return {
    t,
    second,
    servers: [t.http, request(second.getHttpServer())],
    dataSources: [t.dataSource, second.get(DataSource)],
    close: async () => {
      await t.close();
      Object.assign(process.env, saved);
    },
  };
}
