// The API under benchmark, in its own process: boots the built app (apps/api/dist) on the throwaway
// database, seeds the demo data, prepares signed residents with tokens and an open region-wide wave,
// then tells the parent (bench/run.mjs, bench/signing.mjs) where to send requests.
// BENCH_UNSIGNED=1: the residents have no contract yet and live in a community their team serves
// (the signing benchmark). bench/attach-server.mjs starts further instances on the same database.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../apps/api/dist/apps/api/src/${path}`);
const { createApp } = dist('app.factory.js');
const { DemoSeedService } = dist('seed/demo-seed.service.js');
const { PiiCipher } = dist('common/pii-cipher.js');
const { JwtService } = require('@nestjs/jwt');
const { DataSource } = require('typeorm');

const residentCount = Number(process.env.BENCH_RESIDENTS ?? 20000);
const unsigned = process.env.BENCH_UNSIGNED === '1';
const app = await createApp({ logLevels: ['error'] });
await app.init();
const ids = await app.get(DemoSeedService).seed();
const dataSource = app.get(DataSource);
const cipher = app.get(PiiCipher);
const jwt = app.get(JwtService);

const [questionnaire] = await dataSource.query("SELECT id FROM questionnaires WHERE code = 'standard' AND version = 1");
const teams = Object.values(ids.institutions).flatMap((i) => i.teamIds.map((teamId) => ({ teamId, institutionId: i.id })));
const [doctors] = [await dataSource.query('SELECT teamId, MIN(id) AS id FROM doctors GROUP BY teamId')];
const doctorOf = new Map(doctors.map((d) => [d.teamId, d.id]));
const served = await dataSource.query('SELECT teamId, MIN(communityId) AS communityId FROM team_communities GROUP BY teamId');
const communityOf = new Map(served.map((r) => [r.teamId, r.communityId]));

const waveId = randomUUID();
const now = new Date();
await dataSource.query(
  `INSERT INTO survey_waves (id, regionId, questionnaireId, title, scopeType, scopeId, institutionId, teamId, opensAt, closesAt, sampleSize, createdBy, createdAt)
   VALUES (?, ?, ?, '压测批次', 'region', ?, NULL, NULL, ?, ?, NULL, NULL, ?)`,
  [waveId, ids.regionId, questionnaire.id, ids.regionId, new Date(now.getTime() - 86_400_000), new Date(now.getTime() + 30 * 86_400_000), now],
);

const tokens = [];
const personIds = [];
const teamIds = [];
const tags = cipher.encryptJson([]);
// Package codes and fee lines are stored encrypted (they can reveal a condition); the fee sums are plain.
const packageCodesCipher = cipher.encryptJson(['basic']);
const feesCipher = cipher.encryptJson({});
const phone = cipher.encrypt('13800000000');
for (let start = 0; start < residentCount; start += 1000) {
  const accounts = [];
  const persons = [];
  const contracts = [];
  for (let i = start; i < Math.min(start + 1000, residentCount); i++) {
    const accountId = randomUUID();
    const personId = randomUUID();
    const team = teams[i % teams.length];
    const birthYear = 1940 + (i % 70);
    accounts.push([accountId, `bench-${accountId}`, 1, '2026-11', now, now]);
    persons.push([
      personId,
      accountId,
      'self',
      `居民${i}`,
      'v1:x',
      randomBytes(32).toString('hex'),
      '110105********1234',
      `${birthYear}-03-0${1 + (i % 9)}`,
      i % 2 ? 'male' : 'female',
      phone,
      unsigned ? communityOf.get(team.teamId) : null,
      tags,
      null,
      now,
      now,
    ]);
    personIds.push(personId);
    teamIds.push(team.teamId);
    contracts.push([
      randomUUID(),
      personId,
      team.teamId,
      doctorOf.get(team.teamId),
      team.institutionId,
      ids.regionId,
      'active',
      `${2019 + (i % 7)}-01-01`,
      `${2026 + (i % 7)}-01-01`,
      1,
      packageCodesCipher,
      feesCipher,
      'self',
      '2026-01',
      '0'.repeat(64),
      randomUUID(),
      'onsite',
      0,
      now,
      now,
      now,
      personId,
      0,
    ]);
    tokens.push(jwt.sign({ sub: accountId, role: 'resident' }, { expiresIn: 3600 }));
  }
  const insert = (table, columns, rows) =>
    dataSource.query(`INSERT INTO ${table} (${columns}) VALUES ${rows.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ')}`, rows.flat());
  await insert('resident_accounts', 'id, openid, sensitiveConsent, privacyPolicyVersion, consentAt, createdAt', accounts);
  await insert(
    'persons',
    'id, accountId, relation, name, idNumberCipher, idNumberHash, idNumberMasked, birthDate, gender, phoneCipher, communityId, declaredTagsCipher, guardianConsentAt, createdAt, updatedAt',
    persons,
  );
  if (!unsigned)
    await insert(
      'contracts',
      `id, personId, teamId, doctorId, institutionId, regionId, status, startDate, endDate, years, packageCodesCipher, feesCipher, signedBy,
    agreementVersion, agreementHash, renewalOf, householdSigningId, channel, insuranceAuthorized, residentConfirmedAt, doctorConfirmedAt, createdAt, openSlot, holdsPlace,
    totalFen, insuranceFen, publicHealthFen, selfPayFen, fiscalFen`,
      contracts.map((c) => [...c.slice(0, 15), null, ...c.slice(15), 0, 0, 0, 0, 0]),
    );
  // Rows written straight into the tables: place the persons as the API's writes would have.
  await dist('people/placements').refreshPlacements(
    dataSource.manager,
    persons.map((p) => p[0]),
  );
}

await app.listen({ port: 0, host: '127.0.0.1' });
const port = app.getHttpServer().address().port;
process.send({ port, waveId, regionId: ids.regionId, questionnaireId: questionnaire.id, tokens, personIds, teamIds });
process.on('message', async (message) => {
  // The parent asks for this process's CPU time around each phase: CPU per request moves far less
  // with the machine's load than requests per second do.
  if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
  if (message === 'stop') {
    await app.close();
    process.exit(0);
  }
});
