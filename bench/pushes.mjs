// `node bench/pushes.mjs`: one health push to 100,000 targeted residents against MariaDB (not part of npm test).
//  1. Publish: the request stores the push as releasing and answers (answer time); the release job
//     resolves the audience (100,000 persons read, their key groups decrypted and matched) and writes
//     100,000 target rows and 100,000 outbox rows in chunks of 2,000 persons, each its own transaction
//     (time until released) — against the same run's baseline of plain 1,000-row INSERTs of the same
//     200,000 rows with mysql2. The audience resolution alone is timed separately.
//  2. Dispatch: two API processes drain the outbox at once against the WeChat stand-in — against
//     the same run's baseline of 100,000 plain POSTs to the stand-in from one process (16 at a time).
// Knobs: BENCH_PUSH_RESIDENTS (100000), BENCH_KEEP_DB=1, BENCH_SKIP_BUILD=1. Writes bench/results/pushes-<time>.json.
import { execFileSync, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');
const RESIDENTS = Number(process.env.BENCH_PUSH_RESIDENTS ?? 100_000);
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');
const log = (...args) => console.log('[bench:pushes]', ...args);
const seconds = (ms) => Math.round(ms) / 1000;

if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
const dist = (path) => require(join(root, 'apps/api/dist/apps/api/src', path));
const { PiiCipher } = dist('common/pii-cipher.js');
const { loadAuthConfig } = dist('config/configuration.js');
const { startWechatStandin } = dist('wechat-standin/wechat-standin.js');
const authConfig = loadAuthConfig({ ...process.env, NODE_ENV: 'development' });
const cipher = new PiiCipher(authConfig.idEncryptionKey, authConfig.idHmacKey);

const dbName = `jiayi_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = await mysql.createConnection(`${server}/`);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const db = await mysql.createConnection(`${server}/${dbName}`);
const standin = await startWechatStandin();
const results = { at: new Date().toISOString(), node: process.version, residents: RESIDENTS, publish: {}, dispatch: {} };
const children = [];

function instance(seed) {
  const child = fork(join(root, 'bench/pushes-server.mjs'), {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO_SEED: '0',
      BENCH_SEED: seed ? '1' : '0',
      DATABASE_URL: `${server}/${dbName}`,
      WECHAT_API_BASE: standin.url,
      OUTBOX_POLL_MS: '0',
      OUTBOX_BATCH: '200',
      OUTBOX_CONCURRENCY: '16',
      LOG_LEVEL: 'error',
    },
  });
  children.push(child);
  const ask = (message) =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
      if (message) child.send(message);
    });
  return ask(null).then(() => ({ ask }));
}

const insert = (table, columns, rows) =>
  db.query(`INSERT INTO ${table} (${columns}) VALUES ${rows.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ')}`, rows.flat());

try {
  const [[{ version }]] = await db.query('SELECT VERSION() AS version');
  results.mariadb = version;
  log('starting instance 1 (migrate, seed)');
  const first = await instance(true);
  const [[community]] = await db.query("SELECT id FROM communities WHERE name = '东关村'");
  log(`bulk-creating ${RESIDENTS} residents with hypertension, each subscribed once`);
  const now = new Date();
  for (let start = 0; start < RESIDENTS; start += 1000) {
    const accounts = [];
    const persons = [];
    const ledger = [];
    for (let i = start; i < Math.min(start + 1000, RESIDENTS); i++) {
      const accountId = randomUUID();
      accounts.push([accountId, `bench-${accountId}`, 1, '2026-11', now, now]);
      // Encrypted one by one, as the API stores them (each with its own IV).
      persons.push([
        randomUUID(),
        accountId,
        'self',
        `居民${i}`,
        'v1:x',
        randomBytes(32).toString('hex'),
        '110105********1234',
        `${1940 + (i % 60)}-03-0${1 + (i % 9)}`,
        i % 2 ? 'male' : 'female',
        null,
        community.id,
        cipher.encryptJson(['hypertension']),
        null,
        now,
        now,
      ]);
      ledger.push([accountId, 'demo-push-health-info', 'oneTime', 1, 0, 0, 'accept', now]);
    }
    await insert('resident_accounts', 'id, openid, sensitiveConsent, privacyPolicyVersion, consentAt, createdAt', accounts);
    await insert(
      'persons',
      'id, accountId, relation, name, idNumberCipher, idNumberHash, idNumberMasked, birthDate, gender, phoneCipher, communityId, declaredTagsCipher, guardianConsentAt, createdAt, updatedAt',
      persons,
    );
    await insert('subscriptions', 'accountId, templateId, kind, remaining, longTermOn, refusals, lastAnswer, updatedAt', ledger);
  }

  log(`baseline: plain INSERTs of the same ${2 * RESIDENTS} rows`);
  const [people] = await db.query('SELECT id, accountId FROM persons');
  const basePush = randomUUID();
  let started = performance.now();
  for (let start = 0; start < people.length; start += 1000) {
    const chunk = people.slice(start, start + 1000);
    await insert(
      'push_targets',
      'pushId, personId, accountId, teamId, readAt',
      chunk.map((p) => [basePush, p.id, p.accountId, null, null]),
    );
    await insert(
      'outbox_messages',
      'id, sourceType, sourceId, personId, accountId, templateId, page, data, status, attempts, dueAt, claimedBy, claimUntil, consumed, lastErrcode, sentAt, createdAt',
      chunk.map((p) => [
        randomUUID(),
        'bench',
        basePush,
        p.id,
        p.accountId,
        'demo-push-health-info',
        'news/detail/index',
        '{}',
        'done',
        0,
        now,
        null,
        null,
        0,
        null,
        null,
        now,
      ]),
    );
  }
  results.publish.baselineSeconds = seconds(performance.now() - started);
  await db.query('DELETE FROM push_targets WHERE pushId = ?', [basePush]);
  await db.query('DELETE FROM outbox_messages WHERE sourceId = ?', [basePush]);

  log('resolving the audience alone (read, decrypt, match; nothing written)');
  const [[institution]] = await db.query("SELECT id FROM institutions WHERE name = '城关镇卫生院'");
  const resolved = await first.ask({ cmd: 'resolve', audience: { institutionId: institution.id, tags: ['hypertension'] } });
  results.publish.resolveOnlySeconds = seconds(resolved.ms);

  log('publishing one push to the hypertension group of clinic 1');
  const published = await first.ask({
    cmd: 'publish',
    push: {
      title: '冬季高血压患者请坚持每天测血压',
      summary: '天冷血压容易升高',
      body: '<p>早晚各测一次</p>',
      category: 'chronicDisease',
      audience: { tags: ['hypertension'] },
    },
  });
  results.publish.answerSeconds = seconds(published.answerMs);
  results.publish.answeredStatus = published.answered.status;
  results.publish.seconds = seconds(published.ms);
  results.publish.status = published.push.status;
  results.publish.targeted = published.push.targeted;
  const [[{ queued }]] = await db.query("SELECT COUNT(*) AS queued FROM outbox_messages WHERE sourceId = ? AND status = 'pending'", [published.push.id]);
  results.publish.queued = Number(queued);

  log('baseline: plain POSTs to the stand-in, 16 at a time');
  const body = JSON.stringify({ touser: 'o-bench', template_id: 'demo-push-health-info', page: 'news/detail/index', data: { thing1: { value: 'x' } } });
  // The stand-in answers the token it already issued (no force_refresh), so the API's token stays valid.
  const stable = await fetch(`${standin.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: 'bench', secret: 'bench' }),
  });
  const tokenForBaseline = (await stable.json()).access_token;
  started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < RESIDENTS) {
        sent++;
        await (
          await fetch(`${standin.url}/cgi-bin/message/subscribe/send?access_token=${tokenForBaseline}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).json();
      }
    }),
  );
  results.dispatch.baselineSeconds = seconds(performance.now() - started);
  standin.messages.length = 0;

  log('starting instance 2; both drain the outbox at once');
  const second = await instance(false);
  started = performance.now();
  const drained = await Promise.all([first.ask({ cmd: 'drain' }), second.ask({ cmd: 'drain' })]);
  results.dispatch.seconds = seconds(performance.now() - started);
  results.dispatch.handledPerInstance = drained.map((d) => d.handled);
  results.dispatch.messages = standin.messages.length;
  results.dispatch.distinctRecipients = new Set(standin.messages.map((m) => m.touser)).size;
  results.dispatch.tokensIssued = standin.tokensIssued();
  const [statuses] = await db.query('SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status');
  results.dispatch.outbox = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
  results.ratios = {
    publishVsPlainInserts: Math.round((results.publish.seconds / results.publish.baselineSeconds) * 100) / 100,
    dispatchVsPlainPosts: Math.round((results.dispatch.seconds / results.dispatch.baselineSeconds) * 100) / 100,
  };
} finally {
  for (const child of children) child.send({ cmd: 'stop' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await standin.close().catch(() => undefined);
  await db.end();
  if (process.env.BENCH_KEEP_DB !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `pushes-${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
log(`written ${file}`);
