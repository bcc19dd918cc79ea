#!/usr/bin/env node
// `npm start`: the whole of Jiayi on one machine with zero setup — installs npm packages if
// needed, builds the API and the H5 mini-program, starts the WeChat stand-in and the API
// (embedded SQLite under data/ unless DATABASE_URL is set, demo data loaded), and prints the URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const standinPort = Number(process.env.WECHAT_STANDIN_PORT ?? 3100);
const say = (message) => console.log(`[jiayi] ${message}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`[jiayi] failed: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(join(root, 'node_modules/.bin/taro')) || !existsSync(join(root, 'node_modules/@swc/core'))) {
  say('installing npm packages (first run)');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

say('building the API');
run('node', ['apps/api/build.mjs']);

const h5Index = join(root, 'apps/miniprogram/dist/h5/index.html');
const h5Sources = Math.max(newestMtime(join(root, 'apps/miniprogram/src')), newestMtime(join(root, 'libs/domain/src')));
if (!existsSync(h5Index) || statSync(h5Index).mtimeMs < h5Sources || process.env.REBUILD_H5 === '1') {
  say('building the H5 mini-program (about half a minute)');
  run('npm', ['run', 'build:h5', '--workspace', '@jiayi/miniprogram']);
}

const children = [];
const stopAll = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', () => {
  stopAll();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stopAll();
  process.exit(0);
});

const dist = join(root, 'apps/api/dist/apps/api/src');
const env = {
  ...process.env,
  DEMO_SEED: process.env.DEMO_SEED ?? '1',
  PORT: String(port),
  WECHAT_API_BASE: process.env.WECHAT_API_BASE ?? `http://127.0.0.1:${standinPort}`,
  WECHAT_STANDIN_PORT: String(standinPort),
};
if (!process.env.WECHAT_API_BASE) children.push(spawn('node', [join(dist, 'wechat-standin/main.js')], { cwd: root, env, stdio: 'inherit' }));
const api = spawn('node', [join(dist, 'main.js')], { cwd: root, env, stdio: 'inherit' });
children.push(api);
api.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 1);
});

for (let attempt = 0; attempt < 120; attempt++) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (response.ok) {
      const database = env.DATABASE_URL ? env.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@') : 'sqlite:data/jiayi.sqlite (embedded)';
      console.log(`
  家医 Jiayi is running
    居民端 / 工作台 (H5):  http://localhost:${port}/
    API docs:              http://localhost:${port}/api/docs
    database:              ${database}
    demo staff (password jiayi-demo): clinic1.doctor1, clinic1.admin, clinic2.doctor1, clinic2.admin, region.admin, hospital1.coordinator
  Ctrl+C stops everything.
`);
      break;
    }
  } catch {
    // not up yet
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
