import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../apps/api/test/support/test-database';
import { startWechatStandin, WechatStandin } from '../../apps/api/src/wechat-standin/wechat-standin';

const API_START_MS = 90_000;

const root = join(__dirname, '../..');

export interface Stack {
  baseUrl: string;
  database: TestDatabase;
  wechat: WechatStandin;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The whole product as a person meets it: the built API in its own process on a fresh MariaDB
 * database with the demo data, serving the H5 build, its WeChat calls going to the stand-in.
 * Needs `node apps/api/build.mjs` and the H5 build (scripts/test.sh does both first).
 */
export async function startStack(): Promise<Stack> {
  const main = join(root, 'apps/api/dist/apps/api/src/main.js');
  const h5 = join(root, 'apps/miniprogram/dist/h5/index.html');
  if (!existsSync(main) || !existsSync(h5)) throw new Error('build first: node apps/api/build.mjs && npm run build:h5');
  const database = await createTestDatabase('mariadb');
  const wechat = await startWechatStandin();
  const port = await freePort();
  const api: ChildProcess = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DEMO_SEED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      WECHAT_API_BASE: wechat.url,
      LOG_LEVEL: 'error',
      RESPONSE_CHECK: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Migrating and seeding a fresh database takes a few seconds alone, far longer on a machine busy with other suites.
  const deadline = Date.now() + API_START_MS;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`API exited with ${api.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) {
      api.kill('SIGTERM');
      throw new Error(`API did not start within ${API_START_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    database,
    wechat,
    close: async () => {
      api.kill('SIGTERM');
      await new Promise((resolve) => (api.exitCode !== null ? resolve(null) : api.once('exit', resolve)));
      await wechat.close();
      await database.drop();
    },
  };
}
