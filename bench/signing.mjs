// `npm run bench:signing`: contract sign-up under 200 concurrent residents, against MariaDB (on demand).
//  1. Throughput: BENCH_REQUESTS residents each sign once (POST /api/contracts, every request a
//     different resident with a profile in a community its team serves), against the same app's
//     bare one-row insert (POST /api/bench/insert-one), autocannon with 200 connections.
//  2. Capacity race: 200 residents at once for a doctor with 10 places left: exactly 10 sign, the
//     rest are told CAPACITY_FULL, and no doctor holds more places than the cap or than its contracts.
// BENCH_DB_SERVERS: comma-separated MariaDB server URLs, one API instance through each (the load is
// split between them): bench/cluster.mjs uses it for the Galera nodes. Default: TEST_DATABASE_URL.
// Prints a summary, writes bench/results/signing-<time>.json (or BENCH_OUT).
import autocannon from 'autocannon';
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const WARMUP = 600;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const RACERS = 200;
// Residents are spread over the demo teams (fewer than 8): enough spares that one team has RACERS of them.
const RACE_POOL = RACERS * 8;
const PLACES_LEFT = 10;
const servers = (process.env.BENCH_DB_SERVERS ?? process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306')
  .split(',')
  .map((s) => s.trim().replace(/\/$/, ''))
  .filter(Boolean);
const log = (...args) => console.log('[bench:signing]', ...args);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  log('building the API');
  execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
}

const dbName = `jiayi_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = await mysql.createConnection(`${servers[0]}/`);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const results = { at: new Date().toISOString(), node: process.version, servers: servers.map((s) => s.replace(/\/\/.*@/, '//')), instances: servers.length };
const children = [];
const env = (server) => ({
  ...process.env,
  NODE_ENV: 'development',
  DEMO_SEED: '0',
  BENCH_ROUTES: '1',
  DATABASE_URL: `${server}/${dbName}`,
  WECHAT_API_BASE: 'http://127.0.0.1:9',
});
const start = (script, extraEnv) => {
  const child = fork(join(root, script), { env: extraEnv });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
};

try {
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
  results.mariadb = version;
  log(`starting ${servers.length} API instance(s) (migrate, seed, ${(2 * WARMUP + REQUESTS + RACE_POOL).toLocaleString()} unsigned residents)`);
  const ready = await start('bench/server.mjs', { ...env(servers[0]), BENCH_UNSIGNED: '1', BENCH_RESIDENTS: String(2 * WARMUP + REQUESTS + RACE_POOL) });
  const ports = [ready.port];
  for (const server of servers.slice(1)) ports.push((await start('bench/attach-server.mjs', env(server))).port);

  const db = await mysql.createConnection(`${servers[0]}/${dbName}`);
  const [[agreement]] = await db.query('SELECT version FROM agreements ORDER BY effectiveFrom DESC LIMIT 1');
  const body = (i, extra = {}) =>
    JSON.stringify({
      personIds: [ready.personIds[i]],
      teamId: ready.teamIds[i],
      packageCodes: ['basicPublicHealth', 'basicMedical'],
      years: 1,
      agreementVersion: agreement.version,
      insuranceAuthorized: true,
      ...extra,
    });

  // One autocannon per instance, the connections and requests split evenly; figures summed.
  let next = 0;
  const statuses = {};
  const run = async (name, path, amount, connections, makeBody) => {
    statuses[name] = {};
    const share = ports.map((_, k) => Math.floor(amount / ports.length) + (k < amount % ports.length ? 1 : 0));
    const runs = await Promise.all(
      ports.map(
        (port, k) =>
          new Promise((resolve, reject) => {
            const instance = autocannon(
              {
                // Generous timeout: on a loaded 2-core machine 200 queued residents wait seconds, which is latency, not failure.
                url: `http://127.0.0.1:${port}`,
                connections: Math.ceil(connections / ports.length),
                amount: share[k],
                timeout: 60,
                requests: [
                  {
                    method: 'POST',
                    path,
                    setupRequest: (req) => {
                      const i = next++;
                      return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${ready.tokens[i]}` }, body: makeBody(i) };
                    },
                  },
                ],
              },
              (error, result) => (error ? reject(error) : resolve(result)),
            );
            instance.on('response', (_client, status) => (statuses[name][status] = (statuses[name][status] ?? 0) + 1));
          }),
      ),
    );
    return {
      requests: runs.reduce((a, r) => a + r.requests.total, 0),
      reqPerSec: runs.reduce((a, r) => a + Math.round(r.requests.average), 0),
      latencyP50: Math.max(...runs.map((r) => r.latency.p50)),
      latencyP99: Math.max(...runs.map((r) => r.latency.p99)),
      errors: runs.reduce((a, r) => a + r.errors + r.timeouts, 0),
      non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    };
  };
  const baselineBody = () => JSON.stringify({ note: 'bench' });

  log('warm-up');
  await run('warm baseline', '/api/bench/insert-one', WARMUP, CONNECTIONS, baselineBody);
  await run('warm signing', '/api/contracts', WARMUP, CONNECTIONS, body);
  log(`baseline: ${REQUESTS} × POST /api/bench/insert-one, ${CONNECTIONS} connections`);
  const baselineStart = next;
  const baseline = await run('baseline', '/api/bench/insert-one', REQUESTS, CONNECTIONS, baselineBody);
  next = baselineStart; // the baseline does not use up residents
  log(`signing: ${REQUESTS} × POST /api/contracts, each a different resident`);
  const signing = await run('signing', '/api/contracts', REQUESTS, CONNECTIONS, body);
  results.throughput = {
    connections: CONNECTIONS,
    statuses: { baseline: statuses.baseline, signing: statuses.signing },
    baseline,
    signing,
    ratio: +(signing.reqPerSec / baseline.reqPerSec).toFixed(3),
  };
  log(JSON.stringify(results.throughput));

  // The capacity race: the next RACERS residents all ask for one doctor of their own team at once.
  const raceTeam = ready.teamIds[next];
  const [[doctor]] = await db.query('SELECT id FROM doctors WHERE teamId = ? AND isFamilyDoctor = 1 ORDER BY id LIMIT 1', [raceTeam]);
  const [[region]] = await db.query('SELECT policy FROM regions LIMIT 1');
  const cap = JSON.parse(region.policy).doctorCapacity;
  await db.query('UPDATE doctors SET heldPlaces = ? WHERE id = ?', [cap - PLACES_LEFT, doctor.id]);
  const racers = [];
  for (let i = next; racers.length < RACERS && i < ready.teamIds.length; i++) if (ready.teamIds[i] === raceTeam) racers.push(i);
  log(`capacity race: ${racers.length} residents at once for a doctor with ${PLACES_LEFT} places left`);
  const race = await (async () => {
    statuses.race = {};
    const replies = await Promise.all(
      racers.map((i, k) =>
        fetch(`http://127.0.0.1:${ports[k % ports.length]}/api/contracts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ready.tokens[i]}` },
          body: body(i, { doctorId: doctor.id }),
        }).then(async (response) => ({ status: response.status, code: (await response.json()).code })),
      ),
    );
    for (const reply of replies) {
      const key = reply.status === 409 ? `409 ${reply.code}` : String(reply.status);
      statuses.race[key] = (statuses.race[key] ?? 0) + 1;
    }
    return statuses.race;
  })();
  const [[held]] = await db.query('SELECT heldPlaces FROM doctors WHERE id = ?', [doctor.id]);
  const [drift] = await db.query(
    `SELECT d.id, d.heldPlaces, (SELECT COUNT(*) FROM contracts c WHERE c.doctorId = d.id AND c.holdsPlace = 1) AS counted FROM doctors d`,
  );
  const overCap = drift.filter((d) => Number(d.heldPlaces) > cap).length;
  const signedInRace = race['201'] ?? 0;
  results.capacityRace = {
    racers: racers.length,
    placesLeft: PLACES_LEFT,
    replies: race,
    heldPlacesAfter: Number(held.heldPlaces),
    cap,
    capBreaks: overCap + Math.max(0, signedInRace - PLACES_LEFT),
    // Doctors other than the one filled by hand: heldPlaces must equal the contracts holding a place.
    placeMismatches: drift.filter((d) => d.id !== doctor.id && Number(d.heldPlaces) !== Number(d.counted)).length,
  };
  log(JSON.stringify(results.capacityRace));
  await db.end();
} finally {
  for (const child of children) child.send('stop');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))));
  if (process.env.BENCH_KEEP_DB !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
const file = process.env.BENCH_OUT ?? join(root, 'bench/results', `signing-${results.at.replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
log(`results: ${file}`);
