// `node bench/submission-sql.mjs`: what MariaDB spends on the statements of a survey submission, one
// connection, 300 statements each, CPU read from the server's /proc entry (so MariaDB must run on
// this machine; other clients of the same server add to it). Boots bench/server.mjs on a throwaway
// database (2,000 signed residents, one open wave) and writes bench/results/submission-sql-<time>.json.
// Compares the one-statement submission as it was (ORDER BY over the join, which makes MariaDB build a
// temporary table of the joined rows with their TEXT columns), with the active contract picked by a
// subquery, and as it is (the place read from `person_placements`), with an INSERT … VALUES of the same
// row and the baseline's one-row insert.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mysql = require('mysql2/promise');
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306').replace(/\/$/, '');
const N = 300;

execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
const dbName = `jiayi_bench_sql_${Date.now().toString(36)}`;
const admin = await mysql.createConnection(`${server}/`);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const [[{ pidFile }]] = await admin.query('SELECT @@pid_file AS pidFile');
const child = fork(join(root, 'bench/server.mjs'), {
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DEMO_SEED: '0',
    DATABASE_URL: `${server}/${dbName}`,
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    BENCH_RESIDENTS: '2000',
  },
});
const results = { at: new Date().toISOString(), loadAverage: { start: loadavg().map((x) => +x.toFixed(2)) }, statementsEach: N, statements: {} };
try {
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
  const db = await mysql.createConnection(`${server}/${dbName}`);
  const [rows] = await db.query('SELECT accountId FROM persons ORDER BY id LIMIT 2000');
  const accounts = rows.map((r) => r.accountId);
  const [[wave]] = await db.query('SELECT id, scopeId FROM survey_waves WHERE id = ?', [ready.waveId]);
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${readFileSync(pidFile, 'utf8').trim()}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const answers = randomBytes(450).toString('base64');
  const statement = (
    contractJoin,
    order,
  ) => `INSERT INTO survey_responses (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroupsCipher, ageBand,
      signingDuration, answersCipher, rolledUp, birthDate, signedSince, declaredTagsCipher)
    SELECT ?, ?, p.id, 'miniProgram', NULL, ?, CASE WHEN c.id IS NULL THEN cm.institutionId ELSE c.institutionId END, c.teamId, '', '', '', ?, 0, p.birthDate,
           CASE WHEN c.id IS NULL THEN NULL ELSE (SELECT MIN(e.startDate) FROM contracts e WHERE e.personId = p.id AND e.status IN ('active', 'expired')) END,
           p.declaredTagsCipher
      FROM persons p
      JOIN resident_accounts a ON a.id = p.accountId AND (a.sensitiveConsent = 1 OR a.consentWithdrawnAt IS NULL)
      ${contractJoin}
      LEFT JOIN communities cm ON cm.id = p.communityId
      LEFT JOIN institutions i ON i.id = cm.institutionId
     WHERE p.accountId = ? AND p.relation = 'self' AND CASE WHEN c.id IS NULL THEN i.regionId ELSE c.regionId END = ?
     ${order}
    RETURNING personId`;
  const before = statement("LEFT JOIN contracts c ON c.personId = p.id AND c.status = 'active'", 'ORDER BY c.startDate LIMIT 1');
  const after = statement(
    "LEFT JOIN contracts c ON c.id = (SELECT f.id FROM contracts f WHERE f.personId = p.id AND f.status = 'active' ORDER BY f.startDate, f.id LIMIT 1)",
    'ORDER BY p.id LIMIT 1',
  );
  const explain = async (sql) =>
    (
      await db.query(`EXPLAIN ${sql.slice(sql.indexOf('SELECT ?'), sql.indexOf('RETURNING'))}`, [
        randomUUID(),
        wave.id,
        new Date(),
        answers,
        accounts[0],
        wave.scopeId,
      ])
    )[0]
      .map((r) => `${r.table}: ${r.Extra || '-'}`)
      .join('; ');
  results.explain = { before: await explain(before), after: await explain(after) };
  let next = 0;
  const time = async (name, one) => {
    const cpu = cpuMs();
    const started = performance.now();
    for (let i = 0; i < N; i++) await one();
    results.statements[name] = { wallMs: +((performance.now() - started) / N).toFixed(3), mariadbCpuMs: +((cpuMs() - cpu) / N).toFixed(3) };
    console.log(name, JSON.stringify(results.statements[name]));
  };
  const insertPlaced = (sql) => async () => {
    const [inserted] = await db.query(sql, [randomUUID(), wave.id, new Date(), answers, accounts[next++], wave.scopeId]);
    if (inserted.length !== 1) throw new Error('not inserted');
  };
  await time('submission as it was (ORDER BY c.startDate over the join)', insertPlaced(before));
  await time('submission placing the resident (contract by subquery)', insertPlaced(after));
  const placed = `INSERT INTO survey_responses (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroupsCipher, ageBand,
      signingDuration, answersCipher, rolledUp, birthDate, signedSince, declaredTagsCipher)
    SELECT ?, ?, p.id, 'miniProgram', NULL, ?, pl.institutionId, pl.teamId, '', '', '', ?, 0, p.birthDate, pl.signedSince, p.declaredTagsCipher
      FROM persons p
      JOIN resident_accounts a ON a.id = p.accountId AND (a.sensitiveConsent = 1 OR a.consentWithdrawnAt IS NULL)
      JOIN person_placements pl ON pl.personId = p.id
     WHERE p.accountId = ? AND p.relation = 'self' AND pl.regionId = ?
     ORDER BY p.id LIMIT 1
    RETURNING personId`;
  results.explain.placed = await explain(placed);
  await time('submission as it is (place read from person_placements)', insertPlaced(placed));
  const [persons] = await db.query('SELECT id, birthDate, declaredTagsCipher FROM persons WHERE accountId IN (?)', [accounts.slice(3 * N, 4 * N)]);
  await time('INSERT … VALUES of the same row', () => {
    const p = persons.pop();
    return db.query(
      `INSERT INTO survey_responses (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroupsCipher, ageBand, signingDuration, answersCipher,
         rolledUp, birthDate, signedSince, declaredTagsCipher) VALUES (?, ?, ?, 'miniProgram', NULL, ?, ?, ?, '', '', '', ?, 0, ?, ?, ?)`,
      [randomUUID(), wave.id, p.id, new Date(), randomUUID(), randomUUID(), answers, p.birthDate, '2020-01-01', p.declaredTagsCipher],
    );
  });
  await time('baseline: one audit_logs row', () =>
    db.query('INSERT INTO audit_logs (id, actorId, actorRole, action, personId, resource, resourceId, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      randomUUID(),
      randomUUID(),
      'resident',
      'bench.insert',
      null,
      'bench',
      null,
      new Date(),
    ]),
  );
  await db.end();
} finally {
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
results.loadAverage.end = loadavg().map((x) => +x.toFixed(2));
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `submission-sql-${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results.explain, null, 1));
console.log(`results: ${file}`);
