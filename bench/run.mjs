// `npm run bench`: the survey benchmarks against MariaDB (not part of npm test).
//  1. Submission: 13 answers in one transaction, autocannon 50 connections, against a bare route of
//     the same app inserting one row (BENCH_ROUTES=1). Every request is a different resident.
//  2. Report: one wave with 1,000,000 responses loaded in bulk (counters maintained in bulk from the
//     same tally rules), the report endpoint against a GROUP BY recount over the raw answers.
// Writes bench/results/<time>.json and prints a summary; BENCHMARKS.md explains the figures.
import autocannon from 'autocannon';
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 12_000);
const WARMUP = 1_500;
const CONNECTIONS = 50;
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');

const log = (...args) => console.log('[bench]', ...args);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

log('building the API');
execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
const domain = require(join(root, 'apps/api/dist/libs/domain/src/index.js'));
const { PiiCipher } = require(join(root, 'apps/api/dist/apps/api/src/common/pii-cipher.js'));
const { loadAuthConfig } = require(join(root, 'apps/api/dist/apps/api/src/config/configuration.js'));
// The same keys as the API process (which runs with NODE_ENV=development): key groups are stored encrypted.
const authConfig = loadAuthConfig({ ...process.env, NODE_ENV: 'development' });
const cipher = new PiiCipher(authConfig.idEncryptionKey, authConfig.idHmacKey);

const dbName = `jiayi_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = await mysql.createConnection(`${server}/`);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
// The machine is shared: its load average (1, 5, 15 min) at the start, before each measured phase and at the end.
const load = () => loadavg().map((x) => +x.toFixed(2));
const results = { at: new Date().toISOString(), node: process.version, database: dbName, loadAverage: { start: load() }, submission: {}, report: {} };
let child;
try {
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
  results.mariadb = version;
  log('starting the API (migrate, seed, residents)');
  // BENCH_PROFILE=<dir>: the API process writes a V8 CPU profile there when it stops (open in Chrome DevTools).
  child = fork(join(root, 'bench/server.mjs'), {
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO_SEED: '0',
      BENCH_ROUTES: '1',
      DATABASE_URL: `${server}/${dbName}`,
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      BENCH_RESIDENTS: String(2 * WARMUP + REQUESTS),
    },
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const tokens = ready.tokens;
  let next = 0;

  const statuses = {};
  const sheets = Array.from({ length: 64 }, () => JSON.stringify({ answers: randomSheet(domain) }));
  const run = (name, path, amount, body) =>
    new Promise((resolve, reject) => {
      let i = 0;
      const instance = autocannon(
        {
          url: base,
          connections: CONNECTIONS,
          amount,
          requests: [
            {
              method: 'POST',
              path,
              setupRequest: (req) => ({
                ...req,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[next++]}` },
                body: body ?? sheets[i++ % sheets.length],
              }),
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      instance.on('error', reject);
      instance.on('response', (_client, status) => (statuses[name][status] = (statuses[name][status] ?? 0) + 1));
      statuses[name] = {};
    });
  const summary = (r) => ({
    requests: r.requests.total,
    reqPerSec: Math.round(r.requests.average),
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    durationSeconds: r.duration,
  });

  /** The API process's CPU time (user + system, ms) so far. */
  const apiCpuMs = () =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve((m.cpu.user + m.cpu.system) / 1000));
      child.send('cpu');
    });
  /**
   * The MariaDB server's CPU time (ms) so far, from /proc when it runs on this machine and its pid
   * file is readable; null otherwise. Other engineers' tests use the same server, so it is an upper bound.
   */
  const [[{ pidFile }]] = await admin.query('SELECT @@pid_file AS pidFile');
  const mariadbCpuMs = () => {
    try {
      const pid = readFileSync(pidFile, 'utf8').trim();
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    } catch {
      return null;
    }
  };
  /** A phase's summary plus the API's (and the database server's) CPU milliseconds per request during it. */
  const measured = async (name, path, amount, body) => {
    const [api, database] = [await apiCpuMs(), mariadbCpuMs()];
    const result = summary(await run(name, path, amount, body));
    const databaseAfter = mariadbCpuMs();
    return {
      ...result,
      apiCpuMsPerRequest: +(((await apiCpuMs()) - api) / result.requests).toFixed(3),
      mariadbCpuMsPerRequest: database === null || databaseAfter === null ? null : +((databaseAfter - database) / result.requests).toFixed(3),
    };
  };
  const surveyPath = `/api/survey-waves/${ready.waveId}/responses`;
  // The roll-up timer (once a minute, under the lease 'survey-rollup') would fold the responses into
  // the counters at a random moment of the phases. The bench holds the lease while it measures the
  // submissions and then times the roll-up of everything submitted on its own (results.submission.rollup).
  const leaseDb = await mysql.createConnection(`${server}/${dbName}`);
  await leaseDb.query(
    `INSERT INTO job_leases (name, holder, until) VALUES ('survey-rollup', 'bench', ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) + 3600000)
     ON DUPLICATE KEY UPDATE holder = 'bench', until = ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) + 3600000`,
  );
  log('warm-up');
  await run('warm baseline', '/api/bench/insert-one', WARMUP, JSON.stringify({ note: 'warm' }));
  await run('warm survey', surveyPath, WARMUP);
  log(`baseline: ${REQUESTS} × POST /api/bench/insert-one`);
  results.loadAverage.baseline = load();
  const baseline = await measured('baseline', '/api/bench/insert-one', REQUESTS, JSON.stringify({ note: 'bench' }));
  next = 2 * WARMUP; // the baseline does not use up residents
  log(`survey: ${REQUESTS} × POST ${surveyPath}`);
  results.loadAverage.survey = load();
  const survey = await measured('survey', surveyPath, REQUESTS);
  results.loadAverage.afterSurvey = load();
  results.submission = {
    connections: CONNECTIONS,
    statuses,
    baseline,
    survey,
    ratio: +(survey.reqPerSec / baseline.reqPerSec).toFixed(3),
    apiCpuRatio: +(baseline.apiCpuMsPerRequest / survey.apiCpuMsPerRequest).toFixed(3),
  };
  log(JSON.stringify(results.submission));

  const db = await mysql.createConnection({ uri: `${server}/${dbName}`, infileStreamFactory: () => null, flags: ['+LOCAL_FILES'] });
  const [[{ n: stored }]] = await db.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ?', [ready.waveId]);
  results.submission.storedResponses = Number(stored);

  log(`loading ${RESPONSES.toLocaleString()} responses in bulk`);
  const bulkWave = await bulkLoad(db, domain, ready, RESPONSES);
  results.report.load = bulkWave.timing;
  log(JSON.stringify(bulkWave.timing));

  const login = await fetch(`${base}/api/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'region.admin', password: 'jiayi-demo' }),
  }).then((r) => r.json());

  // The deferred half of a submission: a report rolls its wave up first, so the first report on the
  // submission wave times the roll-up of every response of the warm-up and the measured phase.
  const [[{ n: backlog }]] = await db.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ? AND rolledUp = 0', [ready.waveId]);
  await leaseDb.query(`DELETE FROM job_leases WHERE name = 'survey-rollup' AND holder = 'bench'`);
  await leaseDb.end();
  const rollupStarted = performance.now();
  const rolled = await fetch(`${base}/api/staff/survey-waves/${ready.waveId}/report`, { headers: { authorization: `Bearer ${login.accessToken}` } });
  if (rolled.status !== 200) throw new Error(`report on the submission wave: ${rolled.status}`);
  const rollupMs = performance.now() - rollupStarted;
  results.submission.rollup = { responses: Number(backlog), ms: Math.round(rollupMs), perSecond: Math.round(Number(backlog) / (rollupMs / 1000)) };
  log(`roll-up: ${JSON.stringify(results.submission.rollup)}`);
  const reportOnce = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/api/staff/survey-waves/${bulkWave.id}/report`, { headers: { authorization: `Bearer ${login.accessToken}` } });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`report: ${response.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, body };
  };
  await reportOnce();
  const reportRuns = [];
  let report;
  for (let i = 0; i < 20; i++) ({ ms: reportRuns[i], body: report } = await reportOnce());
  const recountRuns = [];
  let recounted;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    recounted = await recount(db, domain, bulkWave.id, report);
    recountRuns.push(performance.now() - started);
  }
  const { waveId: _w, title: _t, questionnaireId: _q, ...reportBody } = report;
  const identical = isDeepStrictEqual(JSON.parse(JSON.stringify(recounted)), reportBody);
  results.report = {
    ...results.report,
    responses: RESPONSES,
    answerRows: bulkWave.answerRows,
    counterRows: bulkWave.counterRows,
    reportMsMedian: +median(reportRuns).toFixed(1),
    reportMsRuns: reportRuns.map((x) => +x.toFixed(1)),
    recountMsMedian: +median(recountRuns).toFixed(1),
    recountMsRuns: recountRuns.map((x) => +x.toFixed(1)),
    speedup: +(median(recountRuns) / median(reportRuns)).toFixed(1),
    identical,
    respondents: report.respondents,
  };
  log(JSON.stringify({ ...results.report, reportMsRuns: undefined }));
  if (!identical) {
    writeFileSync(join(root, 'bench/results/mismatch.json'), JSON.stringify({ report: reportBody, recounted }, null, 1));
    log('report and recount differ: bench/results/mismatch.json');
  }
  await db.end();
} finally {
  child?.send('stop');
  await new Promise((resolve) => (child ? child.once('exit', resolve) : resolve()));
  if (process.env.BENCH_KEEP_DB !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
results.loadAverage.end = load();
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
log(`results: ${file}`);

/** A valid answer sheet of the standard questionnaire, chosen at random. */
function randomSheet(d, random = Math.random) {
  const pick = (options) => options[Math.floor(random() * options.length)].id;
  const answers = d.STANDARD_QUESTIONNAIRE.questions.map((q) => {
    if (q.type === 'text') return { questionId: q.id, text: random() < 0.5 ? '希望多来村里巡诊' : '' };
    if (q.type === 'multiple') {
      const chosen = q.options.filter(() => random() < 0.4).map((o) => o.id);
      return { questionId: q.id, optionIds: chosen.length ? chosen : [pick(q.options)] };
    }
    return { questionId: q.id, optionIds: [pick(q.options)] };
  });
  return answers.filter((a) => a.text !== '');
}

/**
 * 1M responses from 4,096 random respondent profiles (answer sheet + groups): answers and responses go
 * in with LOAD DATA LOCAL INFILE streamed from memory, as already rolled up (`rolledUp = 1`); the
 * counters are each profile's tallies times how often it was drawn — the same tally rules as the
 * roll-up of live submissions, so the totals are exact.
 */
async function bulkLoad(db, d, ready, total) {
  const started = performance.now();
  const waveId = `bulk0000-0000-4000-8000-${randomBytes(6).toString('hex')}`;
  const [[wave]] = await db.query('SELECT regionId, questionnaireId FROM survey_waves WHERE id = ?', [ready.waveId]);
  await db.query(
    `INSERT INTO survey_waves (id, regionId, questionnaireId, title, scopeType, scopeId, institutionId, teamId, opensAt, closesAt, sampleSize, createdBy, createdAt)
     SELECT ?, regionId, questionnaireId, '百万答卷', scopeType, scopeId, NULL, NULL, opensAt, closesAt, NULL, NULL, createdAt FROM survey_waves WHERE id = ?`,
    [waveId, ready.waveId],
  );
  void wave;
  const [teams] = await db.query('SELECT id, institutionId FROM teams ORDER BY id');
  const tagSets = [[], [], ['elderly65'], ['elderly65', 'hypertension'], ['diabetes2'], ['child0to6'], ['maternal']];
  const bands = ['18-30', '31-50', '51-65', '65+', '<18'];
  const durations = ['under6m', '6to12m', 'over1y', 'unsigned'];
  const PROFILES = 4096;
  const profiles = Array.from({ length: PROFILES }, () => {
    const checked = d.validateAnswers(d.STANDARD_QUESTIONNAIRE, randomSheet(d));
    if (!checked.ok) throw new Error(checked.message);
    const team = teams[Math.floor(Math.random() * (teams.length + 1))];
    const signingDuration = team ? durations[Math.floor(Math.random() * 3)] : 'unsigned';
    const groups = {
      institution: team?.institutionId ?? teams[0].institutionId,
      team: team?.id ?? 'unsigned',
      keyGroup: tagSets[Math.floor(Math.random() * tagSets.length)],
      ageBand: bands[Math.floor(Math.random() * bands.length)],
      signingDuration,
    };
    const sensitive = new Set(d.STANDARD_QUESTIONNAIRE.questions.filter((q) => q.sensitive).map((q) => q.id));
    const lines = checked.value
      .filter((a) => !sensitive.has(a.questionId))
      .flatMap((a) =>
        a.optionIds.length
          ? a.optionIds.map((o) => `\t${a.questionId}\t${o}\t${waveId}\t\\N\n`)
          : [`\t${a.questionId}\t\t${waveId}\t${cipher.encrypt(a.text)}\n`],
      );
    const responseTail = `\t${waveId}\t`;
    const answersCipher = cipher.encryptJson(checked.value);
    const groupTail = `\tminiProgram\t\\N\t2026-11-01 08:00:00\t${team ? team.institutionId : groups.institution}\t${team ? team.id : '\\N'}\t${cipher.encrypt(groups.keyGroup.join(','))}\t${groups.ageBand}\t${signingDuration}\t${answersCipher}\t`;
    return { tallies: d.countTallyKeys(d.tallyKeys(d.STANDARD_QUESTIONNAIRE, checked.value, groups)), lines, responseTail, groupTail, uses: 0 };
  });
  const drawn = new Uint16Array(total);
  for (let i = 0; i < total; i++) drawn[i] = Math.floor(Math.random() * PROFILES);
  const id = (prefix, i) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  let answerRows = 0;

  const streamOf = (make, from, to) => {
    let i = from;
    return new Readable({
      read() {
        const parts = [];
        for (let k = 0; k < 2000 && i < to; k++, i++) parts.push(make(i));
        this.push(i < to ? parts.join('') : parts.join('') || null);
        if (i >= to && parts.length) this.push(null);
      },
    });
  };
  await db.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  const CHUNK = 250_000;
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(from + CHUNK, total);
    await db.query({
      sql: `LOAD DATA LOCAL INFILE 'responses' INTO TABLE survey_responses
            (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroupsCipher, ageBand, signingDuration, answersCipher, rolledUp)`,
      infileStreamFactory: () =>
        streamOf(
          (i) => {
            const p = profiles[drawn[i]];
            p.uses += 1;
            return `${id('bulkresp', i)}${p.responseTail}${id('bulkpers', i)}${p.groupTail}1\n`;
          },
          from,
          to,
        ),
    });
    await db.query({
      sql: `LOAD DATA LOCAL INFILE 'answers' INTO TABLE survey_answers (responseId, questionId, optionId, waveId, textCipher)`,
      infileStreamFactory: () =>
        streamOf(
          (i) => {
            const p = profiles[drawn[i]];
            answerRows += p.lines.length;
            const responseId = id('bulkresp', i);
            return p.lines.map((line) => responseId + line).join('');
          },
          from,
          to,
        ),
    });
  }
  const loadedRaw = performance.now();
  const counters = new Map();
  for (const p of profiles) {
    if (p.uses === 0) continue;
    for (const t of p.tallies) {
      const key = `${t.dimension}\u0001${t.key}\u0001${t.questionId}\u0001${t.optionId}`;
      const row = counters.get(key);
      if (row) row[5] += t.n * p.uses;
      else counters.set(key, [waveId, t.dimension, t.key, t.questionId, t.optionId, t.n * p.uses]);
    }
  }
  const rows = [...counters.values()];
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query('INSERT INTO survey_counters (waveId, dimension, dimensionKey, questionId, optionId, n) VALUES ?', [rows.slice(i, i + 2000)]);
  }
  const done = performance.now();
  return {
    id: waveId,
    answerRows,
    counterRows: rows.length,
    timing: {
      rawRowsSeconds: +((loadedRaw - started) / 1000).toFixed(1),
      countersSeconds: +((done - loadedRaw) / 1000).toFixed(2),
      totalSeconds: +((done - started) / 1000).toFixed(1),
    },
  };
}

/**
 * The report recounted from the raw answers with GROUP BY (no counters): per question and option,
 * who answered each question, and the indicator questions per respondent group via the responses.
 */
async function recount(db, d, waveId, apiReport) {
  const q = d.STANDARD_QUESTIONNAIRE;
  const [options] = await db.query('SELECT questionId, optionId, COUNT(*) AS n FROM survey_answers WHERE waveId = ? GROUP BY questionId, optionId', [waveId]);
  const [answered] = await db.query('SELECT questionId, COUNT(DISTINCT responseId) AS n FROM survey_answers WHERE waveId = ? GROUP BY questionId', [waveId]);
  const [[{ n: respondents }]] = await db.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ?', [waveId]);
  const indicatorQuestions = [...new Set(q.indicators.map((i) => i.questionId))];
  const [groups] = await db.query(
    `SELECT COALESCE(r.institutionId, 'unknown') AS institution, COALESCE(r.teamId, 'unsigned') AS team, r.keyGroupsCipher, r.ageBand, r.signingDuration,
            a.questionId, a.optionId, COUNT(*) AS n
       FROM survey_answers a JOIN survey_responses r ON r.id = a.responseId
      WHERE a.waveId = ? AND a.questionId IN (?) GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    [waveId, indicatorQuestions],
  );
  const [people] = await db.query(
    `SELECT COALESCE(institutionId, 'unknown') AS institution, COALESCE(teamId, 'unsigned') AS team, keyGroupsCipher, ageBand, signingDuration, COUNT(*) AS n
       FROM survey_responses WHERE waveId = ? GROUP BY 1, 2, 3, 4, 5`,
    [waveId],
  );
  const tallies = [{ dimension: 'all', key: '', questionId: '', optionId: '', n: Number(respondents) }];
  for (const r of options) if (r.optionId !== '') tallies.push({ dimension: 'all', key: '', questionId: r.questionId, optionId: r.optionId, n: Number(r.n) });
  for (const r of answered) tallies.push({ dimension: 'all', key: '', questionId: r.questionId, optionId: '', n: Number(r.n) });
  // Key groups are stored encrypted; the bulk load wrote one ciphertext per profile, so GROUP BY still groups.
  const clear = new Map();
  const keyGroupsOf = (stored) => clear.get(stored) ?? clear.set(stored, cipher.decrypt(stored)).get(stored);
  const keysOf = (r, dimension) =>
    dimension === 'keyGroup' ? (keyGroupsOf(r.keyGroupsCipher) ? keyGroupsOf(r.keyGroupsCipher).split(',') : ['none']) : [r[dimension]];
  for (const dimension of d.BREAKDOWN_DIMENSIONS) {
    for (const r of people) for (const key of keysOf(r, dimension)) tallies.push({ dimension, key, questionId: '', optionId: '', n: Number(r.n) });
    // Single-choice indicator questions: one row per answer, so the option rows also give who answered.
    for (const r of groups) {
      for (const key of keysOf(r, dimension)) {
        tallies.push({ dimension, key, questionId: r.questionId, optionId: r.optionId, n: Number(r.n) });
        tallies.push({ dimension, key, questionId: r.questionId, optionId: '', n: Number(r.n) });
      }
    }
  }
  // Sensitive questions ("which group are you in") are kept out of survey_answers: recount them from the
  // encrypted raw answers (the bulk load wrote one ciphertext per profile, so GROUP BY still groups).
  const sensitive = new Set(q.questions.filter((x) => x.sensitive).map((x) => x.id));
  if (sensitive.size > 0) {
    const [sheets] = await db.query('SELECT answersCipher, COUNT(*) AS n FROM survey_responses WHERE waveId = ? GROUP BY answersCipher', [waveId]);
    for (const r of sheets) {
      for (const a of cipher.decryptJson(r.answersCipher).filter((x) => sensitive.has(x.questionId))) {
        for (const optionId of a.optionIds) tallies.push({ dimension: 'all', key: '', questionId: a.questionId, optionId, n: Number(r.n) });
        tallies.push({ dimension: 'all', key: '', questionId: a.questionId, optionId: '', n: Number(r.n) });
      }
    }
  }
  const labels = Object.fromEntries(
    Object.entries(apiReport.breakdowns).map(([dimension, rows]) => [dimension, Object.fromEntries(rows.map((g) => [g.key, g.label]))]),
  );
  return d.reportFromTallies(q, tallies, labels);
}
