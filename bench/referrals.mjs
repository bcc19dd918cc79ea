// `node bench/referrals.mjs`: booking races against MariaDB (on demand, not part of npm test).
// Each round fires BENCH_CONCURRENT (default 200) POST /api/referrals at once, from different
// residents with active contracts, at a few pools of a few places (one pool per department, so a
// resident's second open referral never blurs the count). Measures throughput and latency, and
// counts overbookings: a pool whose `held` or whose live referrals exceed its capacity (must be 0).
// Each round first fires as many concurrent POST /api/bench/insert-one (one INSERT, same app, guard
// and pipe) as a baseline: on a shared machine only the ratio of one round means something.
// Writes bench/results/referrals-<time>.json; BENCHMARKS.md explains the figures.
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DEPARTMENTS = ['内科', '心血管内科', '内分泌科', '眼科'];
const PLACES = Number(process.env.BENCH_PLACES ?? 3);
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');

const log = (...args) => console.log('[bench:referrals]', ...args);
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  log('building the API');
  execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
}

const dbName = `jiayi_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = await mysql.createConnection(`${server}/`);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const results = { at: new Date().toISOString(), node: process.version, database: dbName, concurrent: CONCURRENT, rounds: [] };
let child;
try {
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
  results.mariadb = version;
  log('starting the API (migrate, seed, residents)');
  child = fork(join(root, 'bench/server.mjs'), {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO_SEED: '0',
      DATABASE_URL: `${server}/${dbName}`,
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      BENCH_ROUTES: '1',
      BENCH_RESIDENTS: String(CONCURRENT * ROUNDS),
    },
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const call = async (token, method, path, body) => {
    const started = performance.now();
    const response = await fetch(`${base}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body && JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    return { status: response.status, body: json, ms: performance.now() - started };
  };
  const login = await fetch(`${base}/api/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hospital1.coordinator', password: 'jiayi-demo' }),
  }).then((r) => r.json());
  const coordinator = login.accessToken;

  log('finding each resident’s contract');
  const contracts = [];
  for (let start = 0; start < ready.tokens.length; start += 50) {
    const batch = await Promise.all(ready.tokens.slice(start, start + 50).map((token) => call(token, 'GET', '/contracts')));
    contracts.push(...batch.map((r) => r.body[0].id));
  }

  const db = await mysql.createConnection(`${server}/${dbName}`);
  for (let round = 0; round < ROUNDS; round++) {
    const date = addDays(chinaToday(), 20 + round);
    const pools = [];
    for (const department of DEPARTMENTS) {
      const published = await call(coordinator, 'POST', '/staff/referral-slots', { department, date, period: 'am', capacity: PLACES });
      if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
      pools.push(published.body);
    }
    const offset = round * CONCURRENT;
    log(`round ${round + 1}: ${CONCURRENT} concurrent bare inserts, then bookings for ${pools.length} pools × ${PLACES} places`);
    const baselineStarted = performance.now();
    const baseline = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => call(ready.tokens[offset + i], 'POST', '/bench/insert-one', { note: 'bench' })),
    );
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    if (baseline.some((r) => r.status !== 201)) throw new Error(`baseline: ${JSON.stringify(baseline.find((r) => r.status !== 201))}`);
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        call(ready.tokens[offset + i], 'POST', '/referrals', { contractId: contracts[offset + i], slotId: pools[i % pools.length].id, reason: '压测转诊' }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const statuses = {};
    for (const r of responses) {
      const key = r.status === 201 ? '201' : `${r.status} ${r.body?.code ?? ''}`.trim();
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    const [rows] = await db.query(
      `SELECT p.id, p.capacity, p.held, (SELECT COUNT(*) FROM referrals r WHERE r.slotId = p.id AND r.status IN ('requested', 'booked', 'visited', 'noShow')) AS live
       FROM referral_slot_pools p WHERE p.id IN (?)`,
      [pools.map((p) => p.id)],
    );
    const overbooked = rows.filter((p) => Number(p.held) > Number(p.capacity) || Number(p.live) > Number(p.capacity)).length;
    const drift = rows.filter((p) => Number(p.held) !== Number(p.live)).length;
    const latencies = responses.map((r) => r.ms);
    const summary = {
      requests: CONCURRENT,
      places: pools.length * PLACES,
      statuses,
      reqPerSec: Math.round(CONCURRENT / seconds),
      wallMs: Math.round(seconds * 1000),
      latencyP50: Math.round(percentile(latencies, 50)),
      latencyP99: Math.round(percentile(latencies, 99)),
      latencyMax: Math.round(Math.max(...latencies)),
      held: rows.reduce((sum, p) => sum + Number(p.held), 0),
      overbookedPools: overbooked,
      heldDriftPools: drift,
      baseline: {
        reqPerSec: Math.round(CONCURRENT / baselineSeconds),
        latencyP50: Math.round(
          percentile(
            baseline.map((r) => r.ms),
            50,
          ),
        ),
        latencyP99: Math.round(
          percentile(
            baseline.map((r) => r.ms),
            99,
          ),
        ),
      },
    };
    summary.ratio = +(summary.reqPerSec / summary.baseline.reqPerSec).toFixed(2);
    results.rounds.push(summary);
    log(JSON.stringify(summary));
  }
  await db.end();
  const all = results.rounds;
  results.summary = {
    overbookedPools: all.reduce((s, r) => s + r.overbookedPools, 0),
    heldDriftPools: all.reduce((s, r) => s + r.heldDriftPools, 0),
    granted: all.reduce((s, r) => s + (r.statuses['201'] ?? 0), 0),
    places: all.reduce((s, r) => s + r.places, 0),
    medianReqPerSec: percentile(
      all.map((r) => r.reqPerSec),
      50,
    ),
    medianP99: percentile(
      all.map((r) => r.latencyP99),
      50,
    ),
    medianBaselineReqPerSec: percentile(
      all.map((r) => r.baseline.reqPerSec),
      50,
    ),
    medianRatio: percentile(
      all.map((r) => r.ratio),
      50,
    ),
  };
  log(JSON.stringify(results.summary));
  if (results.summary.overbookedPools > 0 || results.summary.heldDriftPools > 0) process.exitCode = 1;
} finally {
  child?.send('stop');
  await new Promise((resolve) => (child ? child.once('exit', resolve) : resolve()));
  if (process.env.BENCH_KEEP_DB !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `referrals-${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
log(`results: ${file}`);
