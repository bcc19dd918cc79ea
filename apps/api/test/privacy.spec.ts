import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { STANDARD_QUESTIONNAIRE } from '@jiayi/domain';
import { columnCipher } from '../src/common/column-cipher';
import { PiiCipher } from '../src/common/pii-cipher';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrations } from '../src/database/migrations';
import { NoticesService } from '../src/notices/notices.service';
import { BASIC, familyMember, residentWithActiveContract, sign } from './support/contract-factories';
import { idNumberFor, residentLogin, residentWithProfile } from './support/factories';
import { createWave, standardAnswers, staffTokens, submit } from './support/survey-factories';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, Dialect } from './support/test-database';

/** Words of a diabetes package on 低保 that must never be readable in a raw row. */
const REVEALING = ['diabetes', '糖尿病', 'lowIncome', '低保', 'waiver', '减免', 'basicPublicHealth'];

const rowText = (row: object) => JSON.stringify(row);
/** A row without its ciphertext columns (whose base64 may contain any short string by chance). */
const clearText = (row: Record<string, unknown>) => rowText(Object.fromEntries(Object.entries(row).filter(([column]) => !column.endsWith('Cipher'))));

describe('privacy: health information at rest, consent withdrawal and account closure (MariaDB)', () => {
  let t: TestApp;
  let cipher: PiiCipher;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    cipher = t.app.get(PiiCipher);
  });
  afterAll(async () => t?.close());

  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);

  it("stores a contract's packages and fee lines encrypted, with the per-payer totals in clear fen", async () => {
    const resident = await residentWithProfile(t, { birthDate: '1968-09-09', declaredTags: ['diabetes2', 'lowIncome'] });
    const signed = await sign(t, resident, { packageCodes: [...BASIC, 'diabetes'] });
    expect(signed.status).toBe(201);
    const contract = signed.body[0];
    expect(contract.packageCodes).toEqual([...BASIC, 'diabetes']);
    expect(contract.fees.policyLines).toEqual([expect.objectContaining({ policy: 'waiver' })]);

    const [row] = await t.dataSource.query('SELECT * FROM contracts WHERE id = ?', [contract.id]);
    for (const word of REVEALING) expect(clearText(row)).not.toContain(word);
    expect(row.packageCodesCipher).toMatch(/^v1:/);
    expect(cipher.decryptJson(row.packageCodesCipher)).toEqual([...BASIC, 'diabetes']);
    expect(cipher.decryptJson(row.feesCipher)).toEqual(contract.fees);
    const { totals } = contract.fees;
    expect([row.totalFen, row.insuranceFen, row.publicHealthFen, row.selfPayFen, row.fiscalFen].map(Number)).toEqual([
      totals.total,
      totals.insurance,
      totals.publicHealth,
      totals.selfPay,
      totals.fiscal,
    ]);

    const read = await t.http.get(`/api/contracts/${contract.id}`).set(resident.auth).expect(200);
    expect(read.body.fees).toEqual(contract.fees);
  });

  it('keeps the answer to "which group are you in" only encrypted and in the counters, never as a row in clear', async () => {
    const staff = await staffTokens(t);
    const wave = await createWave(t, staff.clinic1);
    const resident = await residentWithProfile(t);
    const answers = standardAnswers({ q4: { optionIds: ['C'] }, q13: { text: '我有糖尿病，希望多随访' } });
    const submitted = await submit(t, resident.auth, wave.id, answers).expect(201);

    const report = await t.http.get(`/api/staff/survey-waves/${wave.id}/report`).set(staff.clinic1).expect(200);
    const q4 = report.body.questions.find((q: { questionId: string }) => q.questionId === 'q4');
    expect(q4.options.find((o: { optionId: string }) => o.optionId === 'C').count).toBe(1);

    const [response] = await t.dataSource.query('SELECT * FROM survey_responses WHERE id = ?', [submitted.body.id]);
    expect(response.answersCipher).toMatch(/^v1:/);
    expect(clearText(response)).not.toContain('q4');
    expect(clearText(response)).not.toContain('糖尿病');
    expect(cipher.decryptJson(response.answersCipher)).toEqual(expect.arrayContaining([expect.objectContaining({ questionId: 'q4', optionIds: ['C'] })]));
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM survey_answers WHERE responseId = ?', [submitted.body.id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.questionId === 'q4')).toEqual([]);
    expect(rows.map(rowText).join()).not.toContain('糖尿病');
    const text = await t.http.get(`/api/staff/survey-waves/${wave.id}/text-answers?questionId=q13`).set(staff.clinic1).expect(200);
    expect(text.body.items.map((item: { text: string }) => item.text)).toEqual(['我有糖尿病，希望多随访']);
  });

  it('withdrawing the separate consent erases declared tags and stops new signing until it is given again; contracts stay', async () => {
    const { resident, contract } = await residentWithActiveContract(t, {}, { declaredTags: ['hypertension'] });
    const spouse = await familyMember(t, resident, { declaredTags: ['diabetes2'] });
    const pending = await sign(t, resident, { personIds: [spouse.id] });
    expect(pending.status).toBe(201);
    const admin = (await staffTokens(t)).clinic1;

    const withdrawn = await t.http.post('/api/me/consent/withdraw').set(resident.auth).expect(200);
    expect(withdrawn.body).toEqual({ sensitiveConsent: false, withdrawnAt: expect.any(String), erasedDeclaredTags: 2, keptContracts: 2 });

    const [account] = await t.dataSource.query('SELECT sensitiveConsent, consentWithdrawnAt FROM resident_accounts WHERE id = ?', [
      (await t.http.get('/api/me').set(resident.auth)).body.accountId,
    ]);
    expect(Number(account.sensitiveConsent)).toBe(0);
    expect(account.consentWithdrawnAt).not.toBeNull();
    const persons: { declaredTagsCipher: string }[] = await t.dataSource.query('SELECT declaredTagsCipher FROM persons WHERE id IN (?, ?)', [
      resident.person.id,
      spouse.id,
    ]);
    expect(persons.map((p) => cipher.decryptJson(p.declaredTagsCipher))).toEqual([[], []]);

    const refused = await sign(t, resident);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSENT.WITHDRAWN');
    const confirm = await t.http.post(`/api/staff/contracts/${pending.body[0].id}/confirm`).set(admin).send({ confirmedTags: [] }).expect(409);
    expect(confirm.body.code).toBe('CONSENT.WITHDRAWN');
    const addMember = await t.http
      .post('/api/me/family-members')
      .set(resident.auth)
      .send({ name: '新家人', idNumber: idNumberFor('1985-01-01'), relation: 'spouse', declaredTags: [] });
    expect(addMember.status).toBe(409);
    expect(addMember.body.code).toBe('CONSENT.WITHDRAWN');
    const [kept] = await t.dataSource.query('SELECT status, confirmedTagsCipher FROM contracts WHERE id = ?', [contract.id]);
    expect(kept.status).toBe('active');
    expect(cipher.decryptJson(kept.confirmedTagsCipher)).toEqual(['hypertension']);

    await t.http
      .put('/api/me/profile')
      .set(resident.auth)
      .send({
        name: '测试居民',
        idNumber: resident.idNumber,
        phone: '13800138000',
        communityId: resident.communityId,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(200);
    await t.http.post(`/api/staff/contracts/${pending.body[0].id}/confirm`).set(admin).send({ confirmedTags: [] }).expect(200);
  });

  it('closing the account keeps contracts and the audit log, erases the rest, and ends the tokens at once', async () => {
    const openid = `closing${process.pid}`;
    const login = await residentLogin(t, openid);
    const resident = await residentWithProfileFor(login);
    const child = await familyMember(t, resident, { name: '无签约家人' });
    const signed = await sign(t, resident);
    expect(signed.status).toBe(201);
    const contractId: string = signed.body[0].id;
    const staff = await staffTokens(t);
    const wave = await createWave(t, staff.clinic1);
    const response = await submit(t, resident.auth, wave.id, standardAnswers()).expect(201);
    await t.dataSource.transaction((manager) =>
      t.app.get(NoticesService).raise(manager, {
        personId: resident.person.id,
        kind: 'contractConfirmed',
        body: '测试',
        refType: 'contract',
        refId: contractId,
        page: '/signing/contract/index',
      }),
    );
    await t.http
      .post('/api/me/family-members')
      .set(resident.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ name: '二号家人', idNumber: idNumberFor('1982-02-02'), relation: 'spouse', declaredTags: [] })
      .expect(201);
    const accountId: string = (await t.http.get('/api/me').set(resident.auth).expect(200)).body.accountId;

    const open = await t.http.post('/api/me/close').set(resident.auth).expect(409);
    expect(open.body.code).toBe('ACCOUNT.OPEN_CONTRACTS');
    expect(await count('SELECT COUNT(*) AS n FROM resident_accounts WHERE id = ?', [accountId])).toBe(1);

    await t.http.post(`/api/contracts/${contractId}/terminate`).set(resident.auth).send({ reason: 'residentRequest' }).expect(200);
    const closed = await t.http.post('/api/me/close').set(resident.auth).expect(200);
    expect(closed.body).toMatchObject({ keptPersons: 1, keptContracts: 1, anonymisedSurveyResponses: 1 });
    expect(closed.body.erasedPersons).toBeGreaterThanOrEqual(1);

    expect(await count('SELECT COUNT(*) AS n FROM resident_accounts WHERE id = ? OR openid = ?', [accountId, openid])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM persons WHERE id = ?', [child.id])).toBe(0);
    const [person] = await t.dataSource.query('SELECT name, idNumberHash, phoneCipher, declaredTagsCipher FROM persons WHERE id = ?', [resident.person.id]);
    expect(person).toMatchObject({ name: '测试居民', phoneCipher: null });
    expect(cipher.decryptJson(person.declaredTagsCipher)).toEqual([]);
    expect(await count('SELECT COUNT(*) AS n FROM contracts WHERE id = ?', [contractId])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM resident_notices WHERE accountId = ?', [accountId])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM idempotency_records WHERE accountId = ?', [accountId])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM survey_responses WHERE id = ? AND personId = ?', [response.body.id, resident.person.id])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM survey_responses WHERE id = ?', [response.body.id])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM audit_logs WHERE actorId = ? AND action = 'account.close'", [accountId])).toBe(1);

    const stale = await t.http.get('/api/me').set(resident.auth).expect(401);
    expect(stale.body.message).toContain('注销');
    const again = await residentLogin(t, openid);
    const fresh = await t.http.get('/api/me').set(again.auth).expect(200);
    expect(fresh.body.accountId).not.toBe(accountId);
    expect(fresh.body.person).toBeNull();
    // Registering again with the same ID number takes over the kept person, with its contracts.
    const returning = await t.http
      .put('/api/me/profile')
      .set(again.auth)
      .send({
        name: '测试居民',
        idNumber: resident.idNumber,
        phone: '13900139000',
        communityId: resident.communityId,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(200);
    expect(returning.body.id).toBe(resident.person.id);
    const contracts = await t.http.get('/api/contracts').set(again.auth).expect(200);
    expect(contracts.body.map((c: { id: string }) => c.id)).toEqual([contractId]);
  });

  async function residentWithProfileFor(login: Awaited<ReturnType<typeof residentLogin>>) {
    const communities = await t.http.get('/api/communities').set(login.auth).expect(200);
    const communityId = communities.body.find((c: { name: string }) => c.name === '东关村').id;
    const idNumber = idNumberFor('1980-05-01');
    const response = await t.http
      .put('/api/me/profile')
      .set(login.auth)
      .send({
        name: '测试居民',
        idNumber,
        phone: '13800138000',
        communityId,
        declaredTags: ['hypertension'],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(200);
    return { ...login, person: response.body, idNumber, communityId };
  }
});

const PRIVACY = 'Privacy1765000700000';

/** Undoes the migrations that came after the privacy migration, then the privacy migration itself. */
async function undoThroughPrivacy(dataSource: DataSource): Promise<void> {
  while ((await dataSource.query('SELECT COUNT(*) AS n FROM migrations WHERE name = ?', [PRIVACY]))[0].n * 1 > 0)
    await dataSource.undoLastMigration({ transaction: 'each' });
}

describe.each<Dialect>(['mariadb', 'sqlite'])('privacy migration converts existing rows on %s', (dialect) => {
  it('encrypts package codes, fees and answers, fills the fen totals and drops sensitive answer rows', async () => {
    const database = await createTestDatabase(dialect);
    const dataSource = await new DataSource(dataSourceOptions(database.settings)).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await undoThroughPrivacy(dataSource);
      const fees = {
        years: 1,
        lines: [{ packageCode: 'diabetes', packageName: '糖尿病患者服务包', amount: 10100, insurance: 8000, publicHealth: 1000, selfPay: 1100, fiscal: 0 }],
        policyLines: [{ policy: 'waiver', description: '低保减免', fromPayer: 'selfPay', toPayer: 'fiscal', amount: 500 }],
        totals: { total: 10100, insurance: 8000, publicHealth: 1000, selfPay: 600, fiscal: 500 },
      };
      const [contractId, questionnaireId, waveId, responseId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const now = dialect === 'mariadb' ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
      await dataSource.query(
        `INSERT INTO contracts (id, personId, teamId, doctorId, institutionId, regionId, status, startDate, endDate, years, packageCodes, fees, signedBy,
           agreementVersion, agreementHash, householdSigningId, channel, insuranceAuthorized, residentConfirmedAt, createdAt, holdsPlace)
         VALUES (?, 'p', 't', 'd', 'i', 'r', 'active', '2026-01-01', '2026-12-31', 1, ?, ?, 'self', 'v1', 'h', 'hs', 'onsite', 1, ?, ?, 0)`,
        [contractId, JSON.stringify(['basicPublicHealth', 'diabetes']), JSON.stringify(fees), now, now],
      );
      const unmarked = { ...STANDARD_QUESTIONNAIRE, questions: STANDARD_QUESTIONNAIRE.questions.map(({ sensitive: _sensitive, ...q }) => q) };
      await dataSource.query('INSERT INTO questionnaires (id, regionId, code, version, title, definition, createdAt) VALUES (?, ?, ?, 1, ?, ?, ?)', [
        questionnaireId,
        'r',
        'standard',
        '问卷',
        JSON.stringify(unmarked),
        now,
      ]);
      await dataSource.query(
        `INSERT INTO survey_waves (id, regionId, questionnaireId, title, scopeType, scopeId, opensAt, closesAt, createdAt)
        VALUES (?, 'r', ?, '调查', 'region', 'r', ?, ?, ?)`,
        [waveId, questionnaireId, now, now, now],
      );
      const answers = [
        { questionId: 'q4', optionIds: ['C'] },
        { questionId: 'q11', optionIds: ['C'] },
        { questionId: 'q13', optionIds: [], text: '糖尿病随访' },
      ];
      await dataSource.query(
        `INSERT INTO survey_responses (id, waveId, personId, channel, submittedAt, keyGroupsCipher, ageBand, signingDuration, answers, rolledUp)
        VALUES (?, ?, 'p', 'miniProgram', ?, 'v1:x', '31-50', 'over1y', ?, 1)`,
        [responseId, waveId, now, JSON.stringify(answers)],
      );
      for (const [questionId, optionId, text] of [
        ['q4', 'C', null],
        ['q11', 'C', null],
        ['q13', '', '糖尿病随访'],
      ]) {
        await dataSource.query('INSERT INTO survey_answers (responseId, questionId, optionId, waveId, text) VALUES (?, ?, ?, ?, ?)', [
          responseId,
          questionId,
          optionId,
          waveId,
          text,
        ]);
      }

      await dataSource.runMigrations({ transaction: 'each' });
      const cipher = columnCipher();
      const [contract] = await dataSource.query('SELECT * FROM contracts WHERE id = ?', [contractId]);
      for (const word of REVEALING) expect(clearText(contract)).not.toContain(word);
      expect(cipher.decryptJson(contract.packageCodesCipher)).toEqual(['basicPublicHealth', 'diabetes']);
      expect(cipher.decryptJson(contract.feesCipher)).toEqual(fees);
      expect([contract.totalFen, contract.insuranceFen, contract.publicHealthFen, contract.selfPayFen, contract.fiscalFen].map(Number)).toEqual([
        10100, 8000, 1000, 600, 500,
      ]);
      const [response] = await dataSource.query('SELECT * FROM survey_responses WHERE id = ?', [responseId]);
      expect(clearText(response)).not.toContain('糖尿病');
      expect(cipher.decryptJson(response.answersCipher)).toEqual(answers);
      const rows: { questionId: string; textCipher: string | null }[] = await dataSource.query(
        'SELECT * FROM survey_answers WHERE responseId = ? ORDER BY questionId',
        [responseId],
      );
      expect(rows).toEqual([expect.objectContaining({ questionId: 'q11', optionId: 'C' }), expect.objectContaining({ questionId: 'q13', optionId: '' })]);
      expect(rowText(rows)).not.toContain('糖尿病');
      expect(cipher.decrypt(rows[1].textCipher!)).toBe('糖尿病随访');
      const [questionnaire] = await dataSource.query('SELECT definition FROM questionnaires WHERE id = ?', [questionnaireId]);
      expect(JSON.parse(questionnaire.definition).questions.find((q: { id: string }) => q.id === 'q4').sensitive).toBe(true);

      await undoThroughPrivacy(dataSource);
      const [reverted] = await dataSource.query('SELECT packageCodes, fees FROM contracts WHERE id = ?', [contractId]);
      expect(JSON.parse(reverted.fees)).toEqual(fees);
      expect((await dataSource.query('SELECT COUNT(*) AS n FROM migrations'))[0].n * 1).toBe(migrations.findIndex((m) => m.name === PRIVACY));
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
