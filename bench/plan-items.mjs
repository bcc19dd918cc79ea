// `node bench/plan-items.mjs`: 慢病随访及时率 and 履约率 from `service_plan_items` at county scale against
// MariaDB (not part of npm test). 600,000 contracts of 300 teams in 20 institutions, each with its plan
// items (a third hypertensive: 4 quarterly follow-ups; a fifth 65+: a yearly check; a third a package
// item spread twice a year), done on time, late or not at all, loaded in bulk with their contract facts.
// Times the API's counts (plan-items.ts planCountsByTeam) for the region, one institution and one team
// against the same run's naive recount (every item row of the region read back and counted per team in
// JavaScript with libs/domain planIndicatorCounts). Every numerator and denominator must be identical.
// Writes bench/results/plan-items-<time>.json.
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 600_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');
const log = (...args) => console.log('[bench:plan-items]', ...args);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.env.BENCH_SKIP_BUILD !== '1') {
  log('building the API');
  execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
}
const dist = (path) => require(join(root, 'apps/api/dist/apps/api/src', path));
const domain = require(join(root, 'apps/api/dist/libs/domain/src/index.js'));
const { DataSource } = require('typeorm');
const { dataSourceOptions } = dist('database/data-source-options.js');
const { parseDatabaseUrl } = dist('config/configuration.js');
const { planCountsByTeam } = dist('indicators/plan-items.js');

const dbName = `jiayi_bench_plan_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = await mysql.createConnection(`${server}/`);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
// Development keys (the migrations' column cipher reads them), as bench/indicators.mjs runs the API.
Object.assign(process.env, { NODE_ENV: 'development', DEMO_SEED: '0' });
const results = { at: new Date().toISOString(), node: process.version, database: dbName, loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)) };
let dataSource;
let db;
try {
  dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl(`${server}/${dbName}`)));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  db = await mysql.createConnection({ uri: `${server}/${dbName}`, dateStrings: ['DATE'], timezone: 'Z' });
  const insert = async (table, columns, rows) => {
    await db.beginTransaction();
    for (let i = 0; i < rows.length; i += 2000) await db.query(`INSERT INTO ${table} (${columns}) VALUES ?`, [rows.slice(i, i + 2000)]);
    await db.commit();
  };

  const today = domain.todayInChina(new Date());
  const regionId = randomUUID();
  const institutions = Array.from({ length: 20 }, () => randomUUID());
  const teams = Array.from({ length: 300 }, (_, i) => ({ id: randomUUID(), institutionId: institutions[i % 20] }));
  const started = performance.now();
  let facts = [];
  let items = [];
  let itemCount = 0;
  const flush = async () => {
    await insert(
      'contract_facts',
      'contractId, personId, regionId, institutionId, teamId, signedFrom, signedUntil, endDate, groupMask, renewalOf, renewed, firstSigning, paid, coveredUntil, coverageGaps',
      facts,
    );
    await insert(
      'service_plan_items',
      'id, contractId, personId, regionId, institutionId, teamId, type, source, windowStart, windowEnd, doneOn, serviceId',
      items,
    );
    itemCount += items.length;
    facts = [];
    items = [];
  };
  for (let c = 0; c < CONTRACTS; c++) {
    const team = teams[c % teams.length];
    const id = randomUUID();
    const personId = randomUUID();
    const start = domain.addDays(today, -((c * 7919) % 700));
    const end = domain.addDays(domain.addYears(start, 1), -1);
    // One in ten terminated halfway (signed until then, its later items cut).
    const terminated = c % 10 === 3 ? domain.addDays(start, 180) : null;
    const lastDay = terminated && terminated < end ? terminated : end;
    const until = terminated ?? domain.addDays(end, 1);
    facts.push([id, personId, regionId, team.institutionId, team.id, start, until, end, 0, null, 0, 1, 0, until, 0]);
    const plan = [];
    const year = [{ start, end }];
    if (c % 3 === 0) domain.splitPeriod(start, end, 4).forEach((w, n) => plan.push([`chronic:${n + 1}`, 'followUp', 'publicHealth', w]));
    if (c % 5 === 0) year.forEach((w) => plan.push(['elderlyCheck:1', 'healthCheck', 'publicHealth', w]));
    if (c % 3 === 1) domain.splitPeriod(start, end, 2).forEach((w, n) => plan.push([`P1.1:${n + 1}`, 'homeVisit', 'package', w]));
    for (const [k, [key, type, source, w]] of plan.entries()) {
      if (w.start > lastDay) continue;
      const windowEnd = w.end > lastDay ? lastDay : w.end;
      const roll = (c * 31 + k * 17) % 10;
      // 7 in 10 on time, 1 late (after the window), 2 not done.
      const doneOn = roll < 7 ? domain.addDays(w.start, roll * 3) : roll === 7 ? domain.addDays(windowEnd, 5) : null;
      items.push([`${id}:${key}`, id, personId, regionId, team.institutionId, team.id, type, source, w.start, windowEnd, doneOn, doneOn ? randomUUID() : null]);
    }
    if (facts.length >= 20_000) await flush();
  }
  await flush();
  await db.query('ANALYZE TABLE contract_facts, service_plan_items');
  Object.assign(results, { contracts: CONTRACTS, planItems: itemCount, loadSeconds: +((performance.now() - started) / 1000).toFixed(1) });
  log(`loaded ${CONTRACTS} contracts, ${itemCount} plan items (${results.loadSeconds} s)`);

  const period = domain.yearOf(today);
  const w = { period, day: domain.countingDay(period, today), today, previous: domain.previousPeriod(period) };
  const timed = async (filter) => {
    const times = [];
    let counts;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      counts = await planCountsByTeam(dataSource, filter, w);
      times.push(+((performance.now() - t0) / 1000).toFixed(3));
    }
    return { times, median: median(times), counts };
  };
  const region = await timed({ regionId });
  const institution = await timed({ regionId, institutionId: institutions[0] });
  const team = await timed({ regionId, teamId: teams[0].id });
  log(`region ${region.median} s, institution ${institution.median} s, team ${team.median} s (median of ${RUNS})`);

  // The naive recount: every item row of the region with its contract's span, counted in JavaScript.
  const recountStarted = performance.now();
  const [rows] = await db.query(
    `SELECT i.contractId, i.teamId, i.type, i.source, i.windowStart, i.windowEnd, i.doneOn, f.signedFrom, f.signedUntil
       FROM service_plan_items i JOIN contract_facts f ON f.contractId = i.contractId WHERE i.regionId = ?`,
    [regionId],
  );
  const plans = new Map();
  for (const r of rows) {
    let plan = plans.get(r.contractId);
    if (!plan) {
      plan = { teamId: r.teamId, inForce: r.signedFrom <= w.day && r.signedUntil > w.day, items: [] };
      plans.set(r.contractId, plan);
    }
    plan.items.push({
      type: r.type,
      source: r.source,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      state: r.doneOn ? 'done' : 'overdue',
      doneOn: r.doneOn,
    });
  }
  const byTeam = new Map();
  for (const plan of plans.values()) byTeam.set(plan.teamId, [...(byTeam.get(plan.teamId) ?? []), plan]);
  const lastClosed = domain.closedBy(w.day, w.today);
  const recount = new Map([...byTeam].map(([teamId, list]) => [teamId, domain.planIndicatorCounts(list, w.period, lastClosed)]));
  results.recountSeconds = +((performance.now() - recountStarted) / 1000).toFixed(1);
  const zero = { followUpTimeliness: { numerator: 0, denominator: 0 }, fulfilment: { numerator: 0, denominator: 0 } };
  const same = (a, b) => JSON.stringify(a ?? zero) === JSON.stringify(b ?? zero);
  results.identical = teams.every((t) => same(region.counts.get(t.id), recount.get(t.id)));
  results.identicalInstitution = teams.filter((t) => t.institutionId === institutions[0]).every((t) => same(institution.counts.get(t.id), recount.get(t.id)));
  const total = domain.planIndicatorCounts([...plans.values()], w.period, lastClosed);
  Object.assign(results, {
    region: { times: region.times, median: region.median },
    institution: { times: institution.times, median: institution.median },
    team: { times: team.times, median: team.median },
    regionCounts: total,
    regionOverRecount: +(region.median / results.recountSeconds).toFixed(3),
    loadAverageAtEnd: loadavg().map((l) => +l.toFixed(2)),
  });
  log(`recount ${results.recountSeconds} s; identical: ${results.identical && results.identicalInstitution}; region ÷ recount ${results.regionOverRecount}`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, `bench/results/plan-items-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  log(`wrote ${file}`);
  if (!results.identical || !results.identicalInstitution) process.exitCode = 1;
} finally {
  await db?.end();
  await dataSource?.destroy();
  if (process.env.BENCH_KEEP_DATABASE !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
