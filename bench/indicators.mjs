// `node bench/indicators.mjs`: the evaluation dashboard at county scale against MariaDB (not part of npm test).
// A county of 1,000,000 residents (20 institutions, 300 teams, 600 villages), 600,000 contracts (current,
// terminated, lapsed, renewed, pending) and 3,000,000 service records, loaded in bulk. The facts the API
// keeps when a doctor confirms are written for the bulk contracts with the API's own factOf.
// Then GET /api/staff/indicators (region and one institution) against the same run's naive recount:
// every contract, person and service record read back, key groups decrypted, counted in JavaScript.
// Every numerator and denominator must be identical. Writes bench/results/indicators-<time>.json.
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const MAIN_CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 570_000);
const RECORDS_PER_CONTRACT = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');
const log = (...args) => console.log('[bench:indicators]', ...args);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.env.BENCH_SKIP_BUILD !== '1') {
  log('building the API');
  execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
}
const dist = (path) => require(join(root, 'apps/api/dist/apps/api/src', path));
const domain = require(join(root, 'apps/api/dist/libs/domain/src/index.js'));
const { factOf, backfillCoverage } = dist('indicators/contract-facts.js');
const { backfillServiceYears } = dist('indicators/service-years.js');
const { backfillPushRollups, quarterBit, rollUpPushes } = dist('indicators/push-rollup.js');

// BENCH_DATABASE=<name>: measure again on a database a previous run loaded and kept (BENCH_KEEP_DATABASE=1).
const reuse = process.env.BENCH_DATABASE;
const dbName = reuse ?? `jiayi_bench_ind_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = await mysql.createConnection(`${server}/`);
if (!reuse) await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
Object.assign(process.env, { NODE_ENV: 'development', DEMO_SEED: '0', DATABASE_URL: `${server}/${dbName}`, WECHAT_API_BASE: 'http://127.0.0.1:9' });
const results = { at: new Date().toISOString(), node: process.version, database: dbName };
let app;
let db;
try {
  const { createApp } = dist('app.factory.js');
  const { DemoSeedService } = dist('seed/demo-seed.service.js');
  const { PiiCipher } = dist('common/pii-cipher.js');
  app = await createApp({ logLevels: ['error'] });
  await app.init();
  // The snapshot warming job (indicators/team-tallies.job.ts) and the push roll-up job, which warms
  // after a push reached someone new, would recount between the timed calls.
  const scheduler = app.get(require('@nestjs/schedule').SchedulerRegistry);
  for (const job of ['indicator-tally-warm', 'indicator-push-rollup']) scheduler.deleteInterval(job);
  scheduler.deleteTimeout('indicator-tally-warm-at-start');
  const ids = reuse
    ? { regionId: (await app.get(require('typeorm').DataSource).query('SELECT id FROM regions LIMIT 1'))[0].id }
    : await app.get(DemoSeedService).seed();
  const cipher = app.get(PiiCipher);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  db = await mysql.createConnection({ uri: `${server}/${dbName}`, dateStrings: ['DATE'], timezone: 'Z', multipleStatements: false });
  const [[{ version }]] = await db.query('SELECT VERSION() AS version');
  results.mariadb = version;

  // Bulk load: multi-row INSERTs of 2,000 rows, one transaction per batch (one log flush, not one a statement).
  await db.query('SET SESSION unique_checks = 0');
  const insert = async (table, columns, rows) => {
    await db.beginTransaction();
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      await db.query(`INSERT INTO ${table} (${columns}) VALUES ?`, [chunk]);
    }
    await db.commit();
  };

  const today = domain.todayInChina(new Date());
  const year = Number(today.slice(0, 4));
  if (!reuse) await load();
  async function load() {
    // ---------------------------------------------------------------- the county
    const started = performance.now();
    const day = (offset) => domain.addDays(today, offset);
    const now = new Date();
    const institutions = [];
    const teams = [];
    const communities = [];
    for (let i = 0; i < 20; i++) {
      const institution = { id: randomUUID(), name: `第${i + 1}卫生院` };
      institutions.push(institution);
      for (let j = 0; j < 15; j++) {
        const team = { id: randomUUID(), institutionId: institution.id, name: `第${i + 1}院第${j + 1}团队` };
        teams.push(team);
        for (let k = 0; k < 2; k++) communities.push({ id: randomUUID(), institutionId: institution.id, teamId: team.id, name: `${team.name}村${k + 1}` });
      }
    }
    await insert(
      'institutions',
      'id, regionId, name, kind, address, phone',
      institutions.map((i) => [i.id, ids.regionId, i.name, 'townshipHealthCentre', '', '']),
    );
    await insert(
      'teams',
      'id, institutionId, name, phone',
      teams.map((t) => [t.id, t.institutionId, t.name, '']),
    );
    await insert(
      'communities',
      'id, institutionId, name',
      communities.map((c) => [c.id, c.institutionId, c.name]),
    );
    await insert(
      'team_communities',
      'teamId, communityId',
      communities.map((c) => [c.teamId, c.id]),
    );
    const teamById = new Map(teams.map((t) => [t.id, t]));
    const doctorRows = teams.flatMap((t) => [0, 1, 2].map((k) => [randomUUID(), t.id, `医生${k}`, '全科医生', '', k < 2 ? 1 : 0, 0]));
    await insert('doctors', 'id, teamId, name, title, phone, isFamilyDoctor, heldPlaces', doctorRows);
    const doctorOf = new Map(doctorRows.filter((d) => d[5] === 1).map((d) => [d[1], d[0]]));
    await insert(
      'populations',
      'communityId, year, institutionId, regionId, residents, `groups`, updatedBy, updatedAt',
      communities.map((c, i) => [
        c.id,
        year,
        c.institutionId,
        ids.regionId,
        Math.floor(RESIDENTS / communities.length),
        JSON.stringify({ elderly65: 300 + (i % 50), hypertension: 250, diabetes2: 90, disabled: 40, povertyAlleviated: 30, child0to6: 100, maternal: 10 }),
        'bench',
        now,
      ]),
    );

    // ---------------------------------------------------------------- residents, contracts, facts
    const tagCombos = new Map();
    const tagsOf = (i) =>
      [i % 7 === 0 && 'hypertension', i % 11 === 0 && 'diabetes2', i % 13 === 0 && 'disabled', i % 17 === 0 && 'povertyAlleviated'].filter(Boolean);
    const cipherOf = (tags) => {
      const key = JSON.stringify(tags);
      if (!tagCombos.has(key)) tagCombos.set(key, cipher.encryptJson(tags));
      return tagCombos.get(key);
    };
    const contractCount = { total: 0 };
    const confirmedAt = (date) => new Date(`${date}T02:00:00Z`);
    for (let start = 0; start < RESIDENTS; start += 10_000) {
      const persons = [];
      const contracts = [];
      const facts = [];
      for (let i = start; i < Math.min(start + 10_000, RESIDENTS); i++) {
        const community = communities[i % communities.length];
        const personId = randomUUID();
        const birthDate = `${1930 + (i % 95)}-0${1 + (i % 9)}-1${i % 9}`;
        persons.push([
          personId,
          null,
          'self',
          `居民${i}`,
          'v1:x',
          randomBytes(16).toString('hex') + i,
          '110105********0000',
          birthDate,
          i % 2 ? 'male' : 'female',
          null,
          community.id,
          cipherOf([]),
          null,
          now,
          now,
        ]);
        if (i >= MAIN_CONTRACTS) continue;
        const team = teamById.get(community.teamId);
        const tags = tagsOf(i);
        const selfPay = i % 4 === 0 ? 0 : 500;
        const kind = i % 20;
        const rows = [];
        const push = (c) =>
          rows.push({
            id: randomUUID(),
            personId,
            teamId: team.id,
            doctorId: doctorOf.get(team.id),
            institutionId: team.institutionId,
            regionId: ids.regionId,
            renewalOf: null,
            terminatedAt: null,
            fees: { totals: { selfPay } },
            tags,
            ...c,
          });
        if (kind === 0)
          push({
            status: 'terminated',
            startDate: day(-200),
            endDate: day(164),
            doctorConfirmedAt: confirmedAt(day(-200)),
            terminatedAt: confirmedAt(day(-30)),
          });
        else if (kind === 1) push({ status: 'expired', startDate: day(-500), endDate: day(-136), doctorConfirmedAt: confirmedAt(day(-500)) });
        else if (kind === 2) {
          push({ status: 'expired', startDate: day(-400), endDate: day(-36), doctorConfirmedAt: confirmedAt(day(-400)) });
          push({ status: 'active', startDate: day(-35), endDate: day(329), doctorConfirmedAt: confirmedAt(day(-50)), renewalOf: rows[0].id });
        } else if (kind === 3) push({ status: 'pending', startDate: today, endDate: day(364), doctorConfirmedAt: null });
        else {
          const since = -(i % 700);
          push({ status: 'active', startDate: day(since), endDate: day(since + 1094), doctorConfirmedAt: confirmedAt(day(since)) });
        }
        rows.forEach((c, n) => {
          contracts.push([
            c.id,
            c.personId,
            c.teamId,
            c.doctorId,
            c.institutionId,
            c.regionId,
            c.status,
            c.startDate,
            c.endDate,
            1,
            cipherOf(['basicMedical']),
            cipherOf(c.fees),
            0,
            0,
            0,
            c.fees.totals.selfPay,
            0,
            'self',
            '2026-01',
            '0'.repeat(64),
            c.renewalOf,
            randomUUID(),
            'onsite',
            1,
            c.doctorConfirmedAt ?? now,
            c.doctorConfirmedAt,
            c.doctorConfirmedAt ? cipherOf(c.tags) : null,
            c.terminatedAt,
            c.terminatedAt ? 'movedAway' : null,
            now,
            c.status === 'active' || c.status === 'pending' ? (n === 0 ? personId : `${personId}:renewal`) : null,
            0,
          ]);
          if (!c.doctorConfirmedAt) return;
          const fact = factOf(c, c.tags, birthDate, n === 0);
          const renewed = kind === 2 && n === 0;
          facts.push([
            fact.contractId,
            fact.personId,
            fact.regionId,
            fact.institutionId,
            fact.teamId,
            fact.signedFrom,
            fact.signedUntil,
            fact.endDate,
            fact.groupMask,
            fact.renewalOf,
            renewed ? 1 : 0,
            fact.firstSigning ? 1 : 0,
            fact.paid ? 1 : 0,
            fact.tallyBucket,
          ]);
        });
      }
      await insert(
        'persons',
        'id, accountId, relation, name, idNumberCipher, idNumberHash, idNumberMasked, birthDate, gender, phoneCipher, communityId, declaredTagsCipher, guardianConsentAt, createdAt, updatedAt',
        persons,
      );
      await insert(
        'contracts',
        `id, personId, teamId, doctorId, institutionId, regionId, status, startDate, endDate, years, packageCodesCipher, feesCipher, totalFen,
      insuranceFen, publicHealthFen, selfPayFen, fiscalFen, signedBy, agreementVersion,
      agreementHash, renewalOf, householdSigningId, channel, insuranceAuthorized, residentConfirmedAt, doctorConfirmedAt, confirmedTagsCipher, terminatedAt,
      terminationReason, createdAt, openSlot, holdsPlace`,
        contracts,
      );
      await insert(
        'contract_facts',
        'contractId, personId, regionId, institutionId, teamId, signedFrom, signedUntil, endDate, groupMask, renewalOf, renewed, firstSigning, paid, tallyBucket',
        facts,
      );
      contractCount.total += contracts.length;
    }
    results.contracts = contractCount.total;
    results.residents = RESIDENTS;
    log(`residents and contracts loaded: ${RESIDENTS} persons, ${contractCount.total} contracts (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    // ---------------------------------------------------------------- service records
    const recordStarted = performance.now();
    const [contractRows] = await db.query("SELECT personId, teamId, institutionId FROM contracts WHERE status <> 'pending' AND renewalOf IS NULL");
    const wanted = Number(process.env.BENCH_RECORDS ?? 3_000_000);
    let records = 0;
    let batch = [];
    const flush = async () => {
      if (batch.length)
        await insert(
          'service_records',
          `id, personId, contractId, teamId, institutionId, regionId, type, serviceDate, channel, onTarget, bloodPressureOnTarget,
      glucoseOnTarget, current, version, lineageId, recordedByStaffId, createdAt`,
          batch,
        );
      records += batch.length;
      batch = [];
    };
    for (let i = 0; records + batch.length < wanted; i++) {
      const c = contractRows[i % contractRows.length];
      const lap = Math.floor(i / contractRows.length);
      for (let k = 0; k < RECORDS_PER_CONTRACT && records + batch.length < wanted; k++) {
        const health = (i + k + lap) % 9 === 0;
        const date = day(-((i * 7 + k * 61 + lap * 17) % 420));
        const onTarget = (i + k) % 3 === 0 ? 0 : 1;
        const id = randomUUID();
        batch.push([
          id,
          c.personId,
          null,
          c.teamId,
          c.institutionId,
          ids.regionId,
          health ? 'healthCheck' : 'followUp',
          date,
          'clinic',
          health ? null : onTarget,
          health ? null : onTarget,
          health || i % 11 ? null : onTarget,
          (i + k) % 50 === 0 ? 0 : 1,
          1,
          id,
          'bench',
          new Date(now.getTime() + k * 1000),
        ]);
      }
      if (batch.length >= 20_000) await flush();
    }
    await flush();
    results.serviceRecords = records;
    results.loadSeconds = +((performance.now() - started) / 1000).toFixed(1);
    log(`service records loaded: ${records} (${((performance.now() - recordStarted) / 1000).toFixed(1)} s)`);
    // The aggregates the API keeps on its writes, filled as the migration fills them for existing data.
    const rollupStarted = performance.now();
    const runner = { query: async (sql, params) => (await db.query(sql, params))[0] };
    await backfillCoverage(runner);
    await backfillServiceYears(runner, true);
    results.rollupBackfillSeconds = +((performance.now() - rollupStarted) / 1000).toFixed(1);
    log(`coverage and service roll-up filled (${results.rollupBackfillSeconds} s)`);
    await db.query('ANALYZE TABLE contract_facts, service_records, contracts, service_person_years');
  }
  const [teams] = await db.query('SELECT t.id, t.institutionId FROM teams t JOIN institutions i ON i.id = t.institutionId WHERE i.regionId = ?', [
    ids.regionId,
  ]);
  // Referrals and pushes (added to a kept database that has none, so that it can be measured again).
  const [[{ benchHospitals }]] = await db.query("SELECT COUNT(*) AS benchHospitals FROM hospitals WHERE name = '县人民医院（压测）'");
  if (Number(benchHospitals) === 0) await loadActivity();
  async function loadActivity() {
    const started = performance.now();
    const hospitalId = randomUUID();
    const now = new Date();
    await db.query('INSERT INTO hospitals (id, regionId, name, level, address, departments) VALUES (?, ?, ?, ?, ?, ?)', [
      hospitalId,
      ids.regionId,
      '县人民医院（压测）',
      '二级甲等',
      '',
      JSON.stringify(['内科', '骨科']),
    ]);
    const pools = [];
    for (let d = 0; d < 400; d++)
      for (const department of ['内科', '骨科'])
        for (const period of ['am', 'pm']) pools.push([randomUUID(), hospitalId, department, domain.addDays(today, -d), period, 40, 0, 0, 'bench', now, now]);
    await insert('referral_slot_pools', 'id, hospitalId, department, date, period, capacity, held, closed, createdBy, createdAt, updatedAt', pools);
    const [signedRows] = await db.query(
      'SELECT contractId, personId, teamId, institutionId FROM contract_facts WHERE regionId = ? ORDER BY contractId LIMIT 60000',
      [ids.regionId],
    );
    const statuses = ['requested', 'booked', 'visited', 'visited', 'visited', 'noShow', 'declined', 'cancelled', 'expired', 'visited'];
    const referrals = signedRows.map((c, i) => {
      const pool = pools[(i * 7) % pools.length];
      const status = statuses[i % statuses.length];
      return [
        randomUUID(),
        c.personId,
        c.contractId,
        c.teamId,
        'bench',
        c.institutionId,
        ids.regionId,
        hospitalId,
        pool[2],
        pool[0],
        pool[3],
        pool[4],
        status,
        'v1:x',
        'doctor',
        'bench',
        status === 'visited' && i % 3 ? now : null,
        now,
      ];
    });
    await insert(
      'referrals',
      'id, personId, contractId, teamId, doctorId, institutionId, regionId, hospitalId, department, slotId, date, period, status, reasonCipher, requestedBy, requestedByAccountId, feedbackAt, createdAt',
      referrals,
    );
    // Six pushes: four this quarter (one withdrawn), two the quarter before; each to a fifth of the people with a contract.
    const quarter = domain.pushQuarter(today);
    const [people] = await db.query('SELECT DISTINCT personId FROM contract_facts WHERE regionId = ?', [ids.regionId]);
    for (let k = 0; k < 6; k++) {
      const pushId = randomUUID();
      const publishAt = k < 4 ? new Date(`${quarter.from}T0${k + 1}:00:00+08:00`) : new Date(`${domain.addDays(quarter.from, -k * 10)}T09:00:00+08:00`);
      await db.query(
        `INSERT INTO pushes (id, regionId, institutionId, teamId, authorStaffId, authorName, title, summary, body, category, audience, status, publishAt, targeted, createdAt)
         VALUES (?, ?, ?, NULL, 'bench', '压测', '标题', '摘要', '<p>正文</p>', 'chronicDisease', '{}', ?, ?, 0, ?)`,
        [pushId, ids.regionId, teams[0].institutionId, k === 3 ? 'withdrawn' : 'published', publishAt, publishAt],
      );
      const targets = people.filter((_, i) => (i + k * 3) % 5 === 0).map((p) => [pushId, p.personId, 'bench', null, null]);
      await insert('push_targets', 'pushId, personId, accountId, teamId, readAt', targets);
    }
    // Pushes published by the API are rolled up by the dashboard and its job; these were written around it.
    await backfillPushRollups({ query: async (sql, params) => (await db.query(sql, params))[0] }, true);
    await db.query('ANALYZE TABLE referrals, push_targets, pushes, referral_slot_pools, service_person_years');
    results.activityLoadSeconds = +((performance.now() - started) / 1000).toFixed(1);
    log(`referrals and pushes loaded: ${referrals.length} referrals, ${pools.length} pools, 6 pushes (${results.activityLoadSeconds} s)`);
  }
  const [institutions] = await db.query("SELECT id, name FROM institutions WHERE regionId = ? AND name LIKE '第%卫生院' ORDER BY name", [ids.regionId]);

  /**
   * A realistic burst between two dashboard views, through the API's own write functions in their
   * transactions (what POST /api/staff/services and a doctor's confirmation run): BENCH_BURST_RECORDS
   * follow-ups / health checks of random signed key-group residents and BENCH_BURST_SIGNINGS new
   * signings of random unsigned residents, all over the county, eight at a time.
   */
  async function writeBurst() {
    const started = performance.now();
    const { inTransaction } = dist('database/transaction.js');
    const { lockServiceYears, recountServiceYears } = dist('indicators/service-years.js');
    const { ContractFacts } = dist('indicators/contract-facts.js');
    const contractFacts = app.get(ContractFacts);
    const dataSource = app.get(require('typeorm').DataSource);
    const wantedRecords = Number(process.env.BENCH_BURST_RECORDS ?? 800);
    const wantedSignings = Number(process.env.BENCH_BURST_SIGNINGS ?? 200);
    const [served] = await db.query(
      `SELECT personId, teamId, institutionId FROM contract_facts WHERE regionId = ? AND signedFrom <= ? AND signedUntil > ? AND groupMask <> 0
        ORDER BY RAND() LIMIT ${wantedRecords}`,
      [ids.regionId, today, today],
    );
    const [unsigned] = await db.query(
      `SELECT p.id AS personId, p.birthDate AS birthDate, tc.teamId AS teamId, t.institutionId AS institutionId
         FROM persons p JOIN team_communities tc ON tc.communityId = p.communityId JOIN teams t ON t.id = tc.teamId
         JOIN institutions i ON i.id = t.institutionId AND i.regionId = ?
        WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.personId = p.id) ORDER BY RAND() LIMIT ${wantedSignings}`,
      [ids.regionId],
    );
    const [doctors] = await db.query('SELECT teamId, MIN(id) AS id FROM doctors WHERE isFamilyDoctor = 1 GROUP BY teamId');
    const doctorOf = new Map(doctors.map((d) => [d.teamId, d.id]));
    const year = Number(today.slice(0, 4));
    const selectSeconds = +((performance.now() - started) / 1000).toFixed(1);
    const writesStarted = performance.now();
    const latencies = [];
    const tasks = [
      ...served.map((r, i) => async () => {
        const id = randomUUID();
        const health = i % 5 === 0;
        const onTarget = i % 3 === 0 ? 0 : 1;
        await inTransaction(dataSource, async (manager) => {
          await lockServiceYears(manager, r.personId, [year]);
          await manager.query(
            `INSERT INTO service_records (id, personId, contractId, teamId, institutionId, regionId, type, serviceDate, channel, onTarget, bloodPressureOnTarget,
               glucoseOnTarget, current, version, lineageId, recordedByStaffId, createdAt) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 'clinic', ?, ?, ?, 1, 1, ?, 'bench', ?)`,
            [
              id,
              r.personId,
              r.teamId,
              r.institutionId,
              ids.regionId,
              health ? 'healthCheck' : 'followUp',
              today,
              health ? null : onTarget,
              health ? null : onTarget,
              health || i % 2 ? null : onTarget,
              id,
              new Date(),
            ],
          );
          await recountServiceYears(manager, r.personId, [year]);
        });
      }),
      ...unsigned.map((p, i) => async () => {
        const tags = i % 3 === 0 ? ['hypertension'] : i % 5 === 0 ? ['diabetes2'] : [];
        const now = new Date();
        const contract = {
          id: randomUUID(),
          personId: p.personId,
          teamId: p.teamId,
          doctorId: doctorOf.get(p.teamId),
          institutionId: p.institutionId,
          regionId: ids.regionId,
          startDate: today,
          endDate: domain.addDays(today, 364),
          renewalOf: null,
          fees: { totals: { selfPay: i % 4 === 0 ? 0 : 500 } },
          doctorConfirmedAt: now,
          terminatedAt: null,
        };
        await inTransaction(dataSource, async (manager) => {
          await manager.query(
            `INSERT INTO contracts (id, personId, teamId, doctorId, institutionId, regionId, status, startDate, endDate, years, packageCodesCipher, feesCipher, totalFen,
               insuranceFen, publicHealthFen, selfPayFen, fiscalFen, signedBy, agreementVersion, agreementHash, renewalOf, householdSigningId, channel,
               insuranceAuthorized, residentConfirmedAt, doctorConfirmedAt, confirmedTagsCipher, terminatedAt, terminationReason, createdAt, openSlot, holdsPlace)
             VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, 1, ?, ?, 0, 0, 0, ?, 0, 'self', '2026-01', ?, NULL, ?, 'onsite', 1, ?, ?, ?, NULL, NULL, ?, ?, 0)`,
            [
              contract.id,
              p.personId,
              p.teamId,
              contract.doctorId,
              p.institutionId,
              ids.regionId,
              contract.startDate,
              contract.endDate,
              cipher.encryptJson(['basicMedical']),
              cipher.encryptJson(contract.fees),
              contract.fees.totals.selfPay,
              '0'.repeat(64),
              randomUUID(),
              now,
              now,
              cipher.encryptJson(tags),
              now,
              p.personId,
            ],
          );
          await contractFacts.record(manager, contract, tags, p.birthDate);
        });
      }),
    ].sort(() => Math.random() - 0.5);
    const queue = [...tasks];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let task = queue.shift(); task; task = queue.shift()) {
          const t0 = performance.now();
          await task();
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const writeSeconds = +((performance.now() - writesStarted) / 1000).toFixed(1);
    latencies.sort((a, b) => a - b);
    const [[{ touched }]] = await db.query(
      `SELECT COUNT(DISTINCT teamId) AS touched FROM (SELECT teamId FROM contract_facts WHERE personId IN (${[...served, ...unsigned].map(() => '?').join(', ')})) x`,
      [...served, ...unsigned].map((r) => r.personId),
    );
    return {
      records: served.length,
      signings: unsigned.length,
      teamsTouched: Number(touched),
      selectSeconds,
      writeSeconds,
      writeMsMedian: +latencies[Math.floor(latencies.length / 2)].toFixed(1),
      writeMsP95: +latencies[Math.floor(latencies.length * 0.95)].toFixed(1),
    };
  }

  // ---------------------------------------------------------------- the endpoint
  const login = await (
    await fetch(`${base}/api/auth/staff-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'region.admin', password: 'jiayi-demo' }),
    })
  ).json();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const get = async (query) => {
    const t0 = performance.now();
    const response = await fetch(`${base}/api/staff/indicators?from=${from}&to=${to}${query}`, { headers: { authorization: `Bearer ${login.accessToken}` } });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`indicators: ${response.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const timed = async (query) => {
    const runs = [];
    let body;
    for (let i = 0; i < RUNS; i++) ({ ms: runs[i], body } = await get(query));
    return { runs: runs.map((x) => +x.toFixed(1)), median: +median(runs).toFixed(1), body };
  };
  // ---------------------------------------------------------------- cold, warm, one institution
  // The tally snapshots (indicators/team-tallies.ts): "cold" = none (the first request of a day, or
  // after every team's data changed), "warm" = all still valid. IndicatorsService.lastSnapshotStats
  // says what each request counted again.
  const { IndicatorsService } = dist('indicators/indicators.service.js');
  const indicatorsService = app.get(IndicatorsService);
  const statsNow = () => ({ ...indicatorsService.lastSnapshotStats });
  const clearSnapshots = () => db.query('DELETE FROM indicator_team_tallies');
  const coldRuns = [];
  const coldStats = [];
  let coldBody;
  for (let i = 0; i < Number(process.env.BENCH_COLD_RUNS ?? 3); i++) {
    await clearSnapshots();
    const r = await get('');
    coldRuns.push(r.ms);
    coldBody = r.body;
    coldStats.push(statsNow());
    log(`region cold ${i + 1}: ${r.ms.toFixed(1)} ms ${JSON.stringify(coldStats[i])}`);
  }
  const regionRun = await timed('');
  log(`region warm: median ${regionRun.median} ms ${JSON.stringify(regionRun.runs)} ${JSON.stringify(statsNow())}`);
  const institutionRun = await timed(`&institutionId=${institutions[0].id}`);
  log(`institution: median ${institutionRun.median} ms ${JSON.stringify(institutionRun.runs)}`);

  // ---------------------------------------------------------------- the naive recount
  const recountRuns = [];
  const recountNow = async () => {
    const t0 = performance.now();
    const counted = await recount(db, cipher, domain, { regionId: ids.regionId, from, to, today });
    recountRuns.push(performance.now() - t0);
    log(`recount ${recountRuns.length}: ${(recountRuns.at(-1) / 1000).toFixed(1)} s`);
    return counted;
  };
  const before = await recountNow();
  const compare = (report, byTeam, teamIds) => {
    const mismatches = [];
    const sum = (pick) => teamIds.reduce((s, id) => s + (byTeam.get(id) ? pick(byTeam.get(id)) : 0), 0);
    const expected = {
      signing: sum((t) => t.signed),
      paidShare: [sum((t) => t.paid), sum((t) => t.signed)],
      renewal: [sum((t) => t.renewed), sum((t) => t.ended)],
      continuation: [sum((t) => t.continued), sum((t) => t.newPrevious)],
      healthCheck: [sum((t) => t.healthCheck), sum((t) => t.groups.elderly65)],
      'managed.hypertension': [sum((t) => t.managedHypertension), sum((t) => t.groups.hypertension)],
      'managed.diabetes2': [sum((t) => t.managedDiabetes), sum((t) => t.groups.diabetes2)],
      pushCoverage: [sum((t) => t.pushReached), sum((t) => t.keyGroupSigned)],
      referralBooking: [sum((t) => t.referrals.booked), sum((t) => t.referrals.requested)],
      referralAttendance: [sum((t) => t.referrals.visited), sum((t) => t.referrals.visited + t.referrals.noShow)],
      referralFeedback: [sum((t) => t.referrals.feedback), sum((t) => t.referrals.visited)],
      'control.hypertension': [sum((t) => t.controlledHypertension), sum((t) => t.followedHypertension)],
      'control.diabetes2': [sum((t) => t.controlledDiabetes), sum((t) => t.followedDiabetes)],
      ...Object.fromEntries(domain.POPULATION_GROUPS.map((g) => [`keyGroupSigning.${g.code}`, sum((t) => t.groups[g.code])])),
    };
    for (const [code, value] of Object.entries(expected)) {
      const got = report.indicators.find((i) => i.code === code);
      const same = Array.isArray(value) ? got.numerator === value[0] && got.denominator === value[1] : got.numerator === value;
      if (!same) mismatches.push({ code, api: [got.numerator, got.denominator], recount: value });
    }
    return mismatches;
  };
  const checkAll = (regionBody, institutionBody, recounted, label) => {
    const poolUse = regionBody.indicators.find((i) => i.code === 'poolUse');
    return [
      ...(poolUse.numerator === recounted.pools.booked && poolUse.denominator === recounted.pools.capacity
        ? []
        : [{ code: 'poolUse', api: [poolUse.numerator, poolUse.denominator], recount: recounted.pools }]),
      ...compare(
        regionBody,
        recounted,
        teams.map((t) => t.id),
      ),
      ...compare(
        institutionBody,
        recounted,
        teams.filter((t) => t.institutionId === institutions[0].id).map((t) => t.id),
      ),
      // The demo institutions have no population figures (their rates read "no data"): the county's 20 are compared.
      ...regionBody.units
        .filter((unit) => institutions.some((i) => i.id === unit.id))
        .flatMap((unit) =>
          compare(
            unit,
            recounted,
            teams.filter((t) => t.institutionId === unit.id).map((t) => t.id),
          ).map((m) => ({ unit: unit.name, ...m })),
        ),
    ].map((m) => ({ at: label, ...m }));
  };
  const mismatches = [
    ...checkAll(coldBody, institutionRun.body, before, 'cold'),
    ...checkAll(regionRun.body, institutionRun.body, before, 'warm'),
    ...(JSON.stringify(coldBody) === JSON.stringify(regionRun.body) ? [] : [{ at: 'warm', code: 'the whole body differs from the cold one' }]),
  ];

  // ---------------------------------------------------------------- a burst of writes, then the region again
  /**
   * The region right after a change (timed, with what it counted again), again (warm), one institution,
   * and the naive recount: every indicator of both compared with it, the two region bodies whole.
   */
  const regionAfter = async (label) => {
    const first = await get('');
    const stats = statsNow();
    log(`region after the ${label}: ${first.ms.toFixed(1)} ms ${JSON.stringify(stats)}`);
    const again = await get('');
    const institution = await get(`&institutionId=${institutions[0].id}`);
    const recounted = await recountNow();
    mismatches.push(...checkAll(first.body, institution.body, recounted, label));
    if (JSON.stringify(first.body) !== JSON.stringify(again.body)) mismatches.push({ at: `${label} (again)`, code: 'the whole body differs' });
    return { first, stats, again, institution };
  };
  const burst = await writeBurst();
  log(`burst: ${JSON.stringify(burst)}`);
  const { first: afterBurst, stats: afterBurstStats, again: afterBurstWarm, institution: institutionAfter } = await regionAfter('burst');

  // ---------------------------------------------------------------- a push to a fifth of the county, then the region again
  // A push to a fifth of the people with a contract, none of whom a push of this quarter reached. So
  // that every run on a kept county measures the same, that fifth is first made unreached: their
  // targets of this quarter's pushes are removed and the quarter's bit cleared on their person-year
  // rows and facts (written around the API: the push epoch is bumped and one untimed call counts the
  // reach again). The push is then published now and rolled up as the release job does in the
  // transaction that publishes it (timed apart: it is the release job's work). The next dashboard
  // finds 推送覆盖率's numerator stale in every team and counts that one number again (team-tallies.ts,
  // the push epoch; read from the team index, ContractFact.pushYear), nothing else.
  const pushedAt = new Date();
  const quarterStart = new Date(`${domain.pushQuarter(today).from}T00:00:00+08:00`);
  const [reachYear, bit] = [Number(today.slice(0, 4)), quarterBit(today)];
  await db.query('DROP TEMPORARY TABLE IF EXISTS bench_fifth');
  await db.query(
    'CREATE TEMPORARY TABLE bench_fifth (personId VARCHAR(36) PRIMARY KEY) AS SELECT DISTINCT personId FROM contract_facts WHERE regionId = ? AND MOD(CRC32(personId), 5) = 0',
    [ids.regionId],
  );
  await db.query('DELETE pt FROM push_targets pt JOIN pushes p ON p.id = pt.pushId JOIN bench_fifth b ON b.personId = pt.personId WHERE p.publishAt >= ?', [
    quarterStart,
  ]);
  await db.query(`UPDATE service_person_years r JOIN bench_fifth b ON b.personId = r.personId SET r.pushQuarters = r.pushQuarters & ~${bit} WHERE r.year = ?`, [
    reachYear,
  ]);
  await db.query(`UPDATE contract_facts f JOIN bench_fifth b ON b.personId = f.personId SET f.pushQuarters = f.pushQuarters & ~${bit} WHERE f.pushYear = ?`, [
    reachYear,
  ]);
  await db.query("INSERT INTO indicator_tally_versions (teamId, bucket, version) VALUES ('*', 1, 1) ON DUPLICATE KEY UPDATE version = version + 1");
  await get('');
  const [unreached] = await db.query('SELECT personId FROM bench_fifth');
  const [[{ people: withContract }]] = await db.query('SELECT COUNT(DISTINCT personId) AS people FROM contract_facts WHERE regionId = ?', [ids.regionId]);
  const broadPushId = randomUUID();
  await db.query(
    `INSERT INTO pushes (id, regionId, institutionId, teamId, authorStaffId, authorName, title, summary, body, category, audience, status, publishAt, targeted, createdAt)
     VALUES (?, ?, ?, NULL, 'bench', '压测', '全县推送', '摘要', '<p>正文</p>', 'chronicDisease', '{}', 'published', ?, ?, ?)`,
    [broadPushId, ids.regionId, teams[0].institutionId, pushedAt, unreached.length, pushedAt],
  );
  for (let i = 0; i < unreached.length; i += 5000) {
    const chunk = unreached.slice(i, i + 5000);
    await db.query(
      `INSERT INTO push_targets (pushId, personId, accountId, teamId, readAt) VALUES ${chunk.map(() => '(?, ?, ?, NULL, NULL)').join(', ')}`,
      chunk.flatMap((r) => [broadPushId, r.personId, 'bench']),
    );
  }
  log(`a push to ${unreached.length} people made unreached this quarter (of ${withContract} with a contract)`);
  const rollUpStarted = performance.now();
  const rolledUp = await rollUpPushes(app.get(require('typeorm').DataSource));
  const pushRollUpMs = performance.now() - rollUpStarted;
  log(`rolled up (the release job's part): ${pushRollUpMs.toFixed(1)} ms ${JSON.stringify(rolledUp)}`);
  const { first: afterPush, stats: afterPushStats, again: afterPushWarm } = await regionAfter('push');
  const coverageOf = (body) => body.indicators.find((i) => i.code === 'pushCoverage');

  const fastestRecount = Math.min(...recountRuns);
  const coldMedian = median(coldRuns);
  results.indicators = {
    regionColdMsRuns: coldRuns.map((x) => +x.toFixed(1)),
    regionColdMsMedian: +coldMedian.toFixed(1),
    regionColdStats: coldStats,
    regionMsMedian: regionRun.median,
    regionMsRuns: regionRun.runs,
    institutionMsMedian: institutionRun.median,
    institutionMsRuns: institutionRun.runs,
    burst,
    regionAfterBurstMs: +afterBurst.ms.toFixed(1),
    regionAfterBurstStats: afterBurstStats,
    regionAfterBurstWarmMs: +afterBurstWarm.ms.toFixed(1),
    institutionAfterBurstMs: +institutionAfter.ms.toFixed(1),
    pushTargets: unreached.length,
    pushRollUpMs: +pushRollUpMs.toFixed(1),
    regionAfterPushMs: +afterPush.ms.toFixed(1),
    regionAfterPushStats: afterPushStats,
    regionAfterPushWarmMs: +afterPushWarm.ms.toFixed(1),
    pushCoverageBeforeAfter: [coverageOf(afterBurstWarm.body).numerator, coverageOf(afterPush.body).numerator],
    recountMsRuns: recountRuns.map((x) => +x.toFixed(1)),
    recountMsFastest: +fastestRecount.toFixed(1),
    shareOfFastestRecount: {
      warm: +(regionRun.median / fastestRecount).toFixed(4),
      afterBurst: +(afterBurst.ms / fastestRecount).toFixed(4),
      afterPush: +(afterPush.ms / fastestRecount).toFixed(4),
      cold: +(coldMedian / fastestRecount).toFixed(4),
      institutionWarm: +(institutionRun.median / fastestRecount).toFixed(4),
    },
    identical: mismatches.length === 0,
    compared:
      'every contract, service, referral and push indicator, region + 20 institutions + one institution: cold and warm against the recount before the burst, after-burst against the recount after it, after-push against the recount after the push; cold, warm, after-burst and after-push repeats as whole bodies',
    signed: afterBurst.body.indicators.find((i) => i.code === 'signing').numerator,
    region: Object.fromEntries(afterBurst.body.indicators.map((i) => [i.code, [i.numerator, i.denominator]])),
  };
  const [[sizes]] = await db.query('SELECT COUNT(*) AS snapshots, MAX(LENGTH(tally)) AS largest, SUM(LENGTH(tally)) AS total FROM indicator_team_tallies');
  const [[versionRows]] = await db.query('SELECT COUNT(*) AS n FROM indicator_tally_versions');
  results.indicators.snapshotRows = { ...sizes, versionRows: versionRows.n };
  try {
    results.loadAverage = require('node:fs').readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    // not on Linux
  }
  if (mismatches.length) log('MISMATCH', mismatches.length, JSON.stringify(mismatches.slice(0, 10)));
  log(JSON.stringify(results.indicators));
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `indicators-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 1));
  log(`written ${file}`);
} finally {
  await db?.end();
  await app?.close();
  if (process.env.BENCH_KEEP_DATABASE !== '1' && !reuse) await admin.query(`DROP DATABASE \`${dbName}\``);
  await admin.end();
}

/**
 * The naive recount, written from domain.md §9 without the facts: every contract of the region with
 * its encrypted key groups, every person's birth date and every service record, read back and counted.
 */
async function recount(connection, cipher, domain, { regionId, from, to, today }) {
  const countingDay = to < today ? to : today;
  const previous = domain.previousPeriod({ from, to });
  const chinaDate = (d) => domain.todayInChina(new Date(d));
  const contracts = [];
  let lastId = '';
  for (;;) {
    const [rows] = await connection.query(
      `SELECT id, personId, teamId, startDate, endDate, renewalOf, selfPayFen, confirmedTagsCipher, doctorConfirmedAt, terminatedAt, createdAt
       FROM contracts WHERE regionId = ? AND id > ? ORDER BY id LIMIT 50000`,
      [regionId, lastId],
    );
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    for (const r of rows) if (r.doctorConfirmedAt) contracts.push(r);
  }
  const birth = new Map();
  lastId = '';
  for (;;) {
    const [rows] = await connection.query('SELECT id, birthDate FROM persons WHERE id > ? ORDER BY id LIMIT 100000', [lastId]);
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    for (const r of rows) birth.set(r.id, r.birthDate);
  }
  const services = new Map();
  lastId = '';
  for (;;) {
    const [rows] = await connection.query(
      `SELECT id, personId, type, serviceDate, current, bloodPressureOnTarget, glucoseOnTarget, createdAt FROM service_records
       WHERE regionId = ? AND id > ? ORDER BY id LIMIT 100000`,
      [regionId, lastId],
    );
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    for (const r of rows) {
      if (!r.current || r.serviceDate < from || r.serviceDate > countingDay) continue;
      if (!services.has(r.personId)) services.set(r.personId, []);
      services.get(r.personId).push(r);
    }
  }
  // Pushes sent in the counting day's quarter (feed delivery: their targets), and the period's referrals and pools.
  const quarter = domain.pushQuarter(countingDay);
  const [quarterPushes] = await connection.query("SELECT id, status, publishAt FROM pushes WHERE status IN ('published', 'withdrawn')");
  const pushIds = quarterPushes.filter((p) => chinaDate(p.publishAt) >= quarter.from && chinaDate(p.publishAt) <= quarter.to).map((p) => p.id);
  const pushed = new Set();
  for (const id of pushIds) {
    const [rows] = await connection.query('SELECT personId FROM push_targets WHERE pushId = ?', [id]);
    for (const r of rows) pushed.add(r.personId);
  }
  const [referralRows] = await connection.query('SELECT teamId, status, date, feedbackAt, hospitalId FROM referrals WHERE regionId = ?', [regionId]);
  const [regionHospitals] = await connection.query('SELECT id FROM hospitals WHERE regionId = ?', [regionId]);
  const hospitalIds = new Set(regionHospitals.map((h) => h.id));
  const [poolRows] = await connection.query('SELECT hospitalId, date, capacity FROM referral_slot_pools');
  const pools = { booked: 0, capacity: 0 };
  for (const p of poolRows) if (hospitalIds.has(p.hospitalId) && p.date >= from && p.date <= countingDay) pools.capacity += p.capacity;
  const renewedIds = new Set(contracts.filter((c) => c.renewalOf).map((c) => c.renewalOf));
  const byPerson = new Map();
  for (const c of contracts) {
    const from_ = chinaDate(c.doctorConfirmedAt) > c.startDate ? chinaDate(c.doctorConfirmedAt) : c.startDate;
    const natural = domain.addDays(c.endDate, 1);
    let until = natural;
    if (c.terminatedAt) {
      const t = chinaDate(c.terminatedAt);
      until = t < from_ ? from_ : t < natural ? t : natural;
    }
    c.span = [from_, until];
    if (!byPerson.has(c.personId)) byPerson.set(c.personId, []);
    byPerson.get(c.personId).push(c);
  }
  for (const list of byPerson.values()) list.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.createdAt - b.createdAt));
  const inForce = (c) => c.span[0] <= countingDay && c.span[1] > countingDay;
  const teams = new Map();
  teams.pools = pools;
  const teamOf = (teamId) => {
    if (!teams.has(teamId)) {
      teams.set(teamId, {
        signed: 0,
        paid: 0,
        ended: 0,
        renewed: 0,
        newPrevious: 0,
        continued: 0,
        healthCheck: 0,
        managedHypertension: 0,
        followedHypertension: 0,
        controlledHypertension: 0,
        followedDiabetes: 0,
        controlledDiabetes: 0,
        managedDiabetes: 0,
        keyGroupSigned: 0,
        pushReached: 0,
        referrals: { requested: 0, booked: 0, visited: 0, noShow: 0, feedback: 0 },
        groups: Object.fromEntries(domain.POPULATION_GROUPS.map((g) => [g.code, 0])),
      });
    }
    return teams.get(teamId);
  };
  for (const r of referralRows) {
    if (r.date < from || r.date > countingDay) continue;
    const counts = teamOf(r.teamId).referrals;
    counts.requested++;
    if (['booked', 'visited', 'noShow'].includes(r.status)) {
      counts.booked++;
      if (hospitalIds.has(r.hospitalId)) pools.booked++;
    }
    if (r.status === 'visited') counts.visited++;
    if (r.status === 'noShow') counts.noShow++;
    if (r.status === 'visited' && r.feedbackAt) counts.feedback++;
  }
  for (const c of contracts) {
    const team = teamOf(c.teamId);
    const tags = [...domain.derivedTags(birth.get(c.personId), c.startDate), ...cipher.decryptJson(c.confirmedTagsCipher)];
    const records = services.get(c.personId) ?? [];
    const latest = (column) =>
      records
        .filter((r) => r.type === 'followUp' && r.current && r[column] !== null)
        .sort((a, b) => (a.serviceDate < b.serviceDate ? 1 : a.serviceDate > b.serviceDate ? -1 : b.createdAt - a.createdAt))[0];
    if (inForce(c)) {
      team.signed++;
      if (c.selfPayFen > 0) team.paid++;
      for (const g of domain.POPULATION_GROUPS) if (tags.includes(g.code)) team.groups[g.code]++;
      if (domain.POPULATION_GROUPS.some((g) => tags.includes(g.code))) {
        team.keyGroupSigned++;
        if (pushed.has(c.personId)) team.pushReached++;
      }
      if (tags.includes('elderly65') && records.some((r) => r.type === 'healthCheck')) team.healthCheck++;
      if (tags.includes('hypertension')) {
        if (records.filter((r) => r.type === 'followUp').length >= 4) team.managedHypertension++;
        const last = latest('bloodPressureOnTarget');
        if (last) {
          team.followedHypertension++;
          if (last.bloodPressureOnTarget) team.controlledHypertension++;
        }
      }
      if (tags.includes('diabetes2')) {
        if (records.filter((r) => r.type === 'followUp').length >= 4) team.managedDiabetes++;
        const last = latest('glucoseOnTarget');
        if (last) {
          team.followedDiabetes++;
          if (last.glucoseOnTarget) team.controlledDiabetes++;
        }
      }
    }
    if (c.endDate >= from && c.endDate <= to && c.endDate < today && c.span[1] > c.endDate) {
      team.ended++;
      if (renewedIds.has(c.id)) team.renewed++;
    }
    const first = byPerson.get(c.personId)[0] === c;
    if (first && c.span[0] >= previous.from && c.span[0] <= previous.to) {
      team.newPrevious++;
      if (byPerson.get(c.personId).some(inForce)) team.continued++;
    }
  }
  return teams;
}
