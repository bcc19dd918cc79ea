import { addDays, addYears, contractPeriod, formatChineseDate, todayInChina } from '@jiayi/domain';
import {
  BASIC,
  demoTeam,
  familyMember,
  heldPlaces,
  moveEndDate,
  residentWithActiveContract,
  residentWithPendingContract,
  sign,
  signBody,
} from './support/contract-factories';
import { PiiCipher } from '../src/common/pii-cipher';
import { residentLogin, residentWithProfile, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const today = () => todayInChina(new Date());
const rows = (t: TestApp, personIds: string[]) =>
  t.dataSource.query(`SELECT id FROM contracts WHERE personId IN (${personIds.map(() => '?').join(',')})`, personIds);

describe('contracts: signing, renewal, termination and change of team (MariaDB)', () => {
  let t: TestApp;
  let doctor: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    doctor = await staffLogin(t, 'clinic1.doctor1');
  });
  afterAll(async () => t?.close());

  it('signs for self: pending, priced exactly as the quote shown before signing, holding a place of the freest family doctor', async () => {
    const resident = await residentWithProfile(t, { birthDate: '1956-03-10', name: '李大爷' });
    const team = await demoTeam(t);
    await t.dataSource.query('UPDATE doctors SET heldPlaces = 5 WHERE id = ?', [team.doctor('王建国')]);
    const packageCodes = ['basicPublicHealth', 'basicMedical', 'elderly'];
    const quote = await t.http.post('/api/quotes').set(resident.auth).send({ personId: resident.person.id, packageCodes, years: 2 }).expect(200);
    const before = await heldPlaces(t, team.doctor('赵中和'));

    const response = await sign(t, resident, { packageCodes, years: 2 });
    expect(response.status).toBe(201);
    const [contract] = response.body;
    expect(contract.fees).toEqual(quote.body);
    expect(contract).toMatchObject({
      personId: resident.person.id,
      teamId: team.id,
      doctorId: team.doctor('赵中和'),
      status: 'pending',
      years: 2,
      packageCodes,
      signedBy: 'self',
      channel: 'miniProgram',
      insuranceAuthorized: true,
      renewalOf: null,
      confirmedAt: null,
      rejectionReason: null,
      ...contractPeriod(today(), 2),
      person: { id: resident.person.id, name: '李大爷' },
      team: { id: team.id, name: '城关镇第一家庭医生团队', phone: '0991-5550111' },
      doctor: { id: team.doctor('赵中和'), name: '赵中和', title: '中医师' },
      institution: { id: team.institutionId, name: '城关镇卫生院' },
    });
    expect(contract.agreementHash).toMatch(/^[0-9a-f]{64}$/);
    expect(contract.fees.totals).toEqual({ total: 20800, insurance: 13800, publicHealth: 2000, selfPay: 5000, fiscal: 0 });
    const [row] = await t.dataSource.query('SELECT feesCipher, selfPayFen, openSlot, holdsPlace FROM contracts WHERE id = ?', [contract.id]);
    expect(t.app.get(PiiCipher).decryptJson(row.feesCipher)).toEqual(quote.body);
    expect(Number(row.selfPayFen)).toBe(5000);
    expect(row).toMatchObject({ openSlot: resident.person.id, holdsPlace: 1 });
    expect(await heldPlaces(t, team.doctor('赵中和'))).toBe(before + 1);

    const listed = await t.http.get('/api/contracts').set(resident.auth).expect(200);
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    const one = await t.http.get(`/api/contracts/${contract.id}`).set(resident.auth).expect(200);
    expect(one.body.fees).toEqual(quote.body);
  });

  it('signs a household in one step: one contract each, 家人代签 for members, per-person packages, guardian consent recorded', async () => {
    const resident = await residentWithProfile(t);
    const spouse = await familyMember(t, resident, { name: '配偶', declaredTags: ['hypertension'] });
    const child = await familyMember(t, resident, { name: '孩子', birthDate: '2020-06-01', relation: 'child', guardianConsent: true });
    const response = await sign(t, resident, {
      personIds: [resident.person.id, spouse.id, child.id],
      selections: [{ personId: spouse.id, packageCodes: [...BASIC, 'hypertension'] }],
    });
    expect(response.status).toBe(201);
    const byPerson = new Map(response.body.map((c: { personId: string }) => [c.personId, c]));
    expect(byPerson.get(resident.person.id)).toMatchObject({ signedBy: 'self', packageCodes: BASIC, guardianConsentAt: null });
    expect(byPerson.get(spouse.id)).toMatchObject({ signedBy: 'family', packageCodes: [...BASIC, 'hypertension'] });
    expect(byPerson.get(child.id)).toMatchObject({ signedBy: 'family', person: { name: '孩子' } });
    expect((byPerson.get(child.id) as { guardianConsentAt: string }).guardianConsentAt).toBeTruthy();
    const households = new Set(response.body.map((c: { householdSigningId: string }) => c.householdSigningId));
    expect(households.size).toBe(1);
    expect(new Set(response.body.map((c: { doctorId: string }) => c.doctorId)).size).toBe(1);

    const listed = await t.http.get('/api/contracts').set(resident.auth).expect(200);
    expect(listed.body).toHaveLength(3);
    const removal = await t.http.delete(`/api/me/family-members/${spouse.id}`).set(resident.auth).expect(409);
    expect(removal.body.code).toBe('PERSON.HAS_CONTRACTS');
  });

  it('stores nothing for a household when one member is not eligible', async () => {
    const resident = await residentWithProfile(t);
    const member = await familyMember(t, resident, { name: '王小二' });
    const team = await demoTeam(t);
    const places = await Promise.all([team.doctor('王建国'), team.doctor('赵中和')].map((id) => heldPlaces(t, id)));
    const response = await sign(t, resident, {
      personIds: [resident.person.id, member.id],
      selections: [{ personId: member.id, packageCodes: [...BASIC, 'elderly'] }],
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'QUOTE.NOT_ELIGIBLE', details: [{ field: 'packageCodes' }] });
    expect(response.body.message).toContain('王小二');
    expect(await rows(t, [resident.person.id, member.id])).toEqual([]);
    expect(await Promise.all([team.doctor('王建国'), team.doctor('赵中和')].map((id) => heldPlaces(t, id)))).toEqual(places);
  });

  it('stores nothing for a household when one member already has an open contract', async () => {
    const resident = await residentWithProfile(t);
    const member = await familyMember(t, resident, { name: '已签约的家人' });
    await sign(t, resident, { personIds: [member.id] }).then((r) => expect(r.status).toBe(201));
    const response = await sign(t, resident, { personIds: [resident.person.id, member.id] });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CONTRACT.ALREADY_SIGNED');
    expect(response.body.message).toContain('已签约的家人');
    expect(await rows(t, [resident.person.id])).toEqual([]);
  });

  it('refuses every rule with 409, a stable code and a Chinese message', async () => {
    const resident = await residentWithProfile(t);
    const team = await demoTeam(t);
    const clinic2Team = await demoTeam(t, '东城第一家庭医生团队');
    const cases: [Parameters<typeof sign>[2], string, string][] = [
      [{ teamId: clinic2Team.id }, 'CONTRACT.TEAM_NOT_SERVING', 'teamId'],
      [{ doctorId: team.doctor('李秀梅') }, 'CONTRACT.DOCTOR_NOT_IN_TEAM', 'doctorId'],
      [{ doctorId: clinic2Team.doctor('刘海燕') }, 'CONTRACT.DOCTOR_NOT_IN_TEAM', 'doctorId'],
      [{ agreementVersion: '2020.1' }, 'CONTRACT.AGREEMENT_OUTDATED', 'agreementVersion'],
      [{ insuranceAuthorized: false }, 'CONTRACT.INSURANCE_AUTHORIZATION_REQUIRED', 'insuranceAuthorized'],
      [{ packageCodes: [...BASIC, 'elderly'] }, 'QUOTE.NOT_ELIGIBLE', 'packageCodes'],
      [{ packageCodes: ['basicPublicHealth'] }, 'QUOTE.BASIC_REQUIRED', 'packageCodes'],
    ];
    for (const [overrides, code, field] of cases) {
      const response = await sign(t, resident, overrides);
      expect([response.status, response.body.code, response.body.details[0]?.field]).toEqual([409, code, field]);
      expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await rows(t, [resident.person.id])).toEqual([]);

    await sign(t, resident).then((r) => expect(r.status).toBe(201));
    const again = await sign(t, resident);
    expect([again.status, again.body.code]).toEqual([409, 'CONTRACT.ALREADY_SIGNED']);
  });

  it('refuses a child under 14 without a guardian consent on record', async () => {
    const resident = await residentWithProfile(t);
    const child = await familyMember(t, resident, { name: '小朋友', birthDate: '2019-01-01', relation: 'child', guardianConsent: true });
    await t.dataSource.query('UPDATE persons SET guardianConsentAt = NULL WHERE id = ?', [child.id]);
    const response = await sign(t, resident, { personIds: [child.id] });
    expect([response.status, response.body.code]).toEqual([409, 'CONTRACT.GUARDIAN_CONSENT_REQUIRED']);
  });

  it("answers bad input with 400 and the field, another account's person with 404, an unknown team with 404", async () => {
    const resident = await residentWithProfile(t);
    const other = await residentWithProfile(t);
    const body = await signBody(t, resident);
    const badYears = await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({ ...body, years: 5 })
      .expect(400);
    expect(badYears.body.details[0]).toMatchObject({ field: 'years', message: '签约年限须为1、2或3年' });
    const unknown = await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({ ...body, price: 0 })
      .expect(400);
    expect(unknown.body.details[0].field).toBe('price');
    const empty = await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({ ...body, personIds: [] })
      .expect(400);
    expect(empty.body.details[0].field).toBe('personIds');
    const strangers = await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({ ...body, personIds: [other.person.id] })
      .expect(404);
    expect(strangers.body.message).toContain('没有找到');
    await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({ ...body, teamId: 'no-such-team' })
      .expect(404);
    const stray = await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({ ...body, selections: [{ personId: other.person.id, packageCodes: BASIC }] })
      .expect(400);
    expect(stray.body.details[0].field).toBe('selections');
    const noProfile = await residentLogin(t);
    await t.http.post('/api/contracts').set(noProfile.auth).send(body).expect(404);
    await t.http.post('/api/contracts').set(doctor).send(body).expect(403);
  });

  it('returns the first result for a repeated Idempotency-Key', async () => {
    const resident = await residentWithProfile(t);
    const body = await signBody(t, resident);
    const first = await t.http.post('/api/contracts').set(resident.auth).set('Idempotency-Key', 'sign-1').send(body).expect(201);
    const second = await t.http.post('/api/contracts').set(resident.auth).set('Idempotency-Key', 'sign-1').send(body).expect(201);
    expect(second.body).toEqual(first.body);
    expect(await rows(t, [resident.person.id])).toHaveLength(1);
  });

  it("shows a resident only their household's contracts: another's is 404", async () => {
    const { contract } = await residentWithPendingContract(t);
    const other = await residentWithProfile(t);
    const response = await t.http.get(`/api/contracts/${contract.id}`).set(other.auth).expect(404);
    expect(response.body.message).toBe('没有找到这份签约');
    await t.http.post(`/api/contracts/${contract.id}/terminate`).set(other.auth).send({ reason: 'residentRequest' }).expect(404);
    await t.http.post(`/api/contracts/${contract.id}/renew`).set(other.auth).send({}).expect(404);
    expect((await t.http.get('/api/contracts').set(other.auth).expect(200)).body).toEqual([]);
  });

  it('moves pending → active on confirmation, refuses a second decision, and pending → rejected gives the place back', async () => {
    const { contract } = await residentWithPendingContract(t);
    const confirmed = await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(doctor).send({ confirmedTags: [] }).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'active', confirmedTags: [] });
    expect(confirmed.body.confirmedAt).toBeTruthy();
    const again = await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(doctor).send({ confirmedTags: [] }).expect(409);
    expect(again.body.code).toBe('CONTRACT.NOT_PENDING');
    const rejectActive = await t.http.post(`/api/staff/contracts/${contract.id}/reject`).set(doctor).send({ reason: '资料不全' }).expect(409);
    expect(rejectActive.body.code).toBe('CONTRACT.NOT_PENDING');

    const { resident, contract: other } = await residentWithPendingContract(t);
    const before = await heldPlaces(t, other.doctorId);
    const rejected = await t.http.post(`/api/staff/contracts/${other.id}/reject`).set(doctor).send({ reason: '不在服务范围内' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '不在服务范围内' });
    expect(await heldPlaces(t, other.doctorId)).toBe(before - 1);
    const seen = await t.http.get(`/api/contracts/${other.id}`).set(resident.auth).expect(200);
    expect(seen.body).toMatchObject({ status: 'rejected', rejectionReason: '不在服务范围内' });
    await t.http.post(`/api/staff/contracts/${other.id}/reject`).set(doctor).send({ reason: '' }).expect(400);
    // After a rejection the person may sign again.
    expect((await sign(t, resident)).status).toBe(201);
  });

  it('re-checks the stored packages with the confirmed tags: not eligible or a different split keeps it pending', async () => {
    const { contract } = await residentWithPendingContract(t, { packageCodes: [...BASIC, 'hypertension'] }, { declaredTags: ['hypertension'] });
    const notEligible = await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(doctor).send({ confirmedTags: [] }).expect(409);
    expect(notEligible.body).toMatchObject({ code: 'QUOTE.NOT_ELIGIBLE', details: [{ field: 'confirmedTags' }] });

    const waived = await residentWithPendingContract(t, {}, { declaredTags: ['lowIncome'] });
    expect(waived.contract.fees.totals.selfPay).toBe(0);
    const changed = await t.http.post(`/api/staff/contracts/${waived.contract.id}/confirm`).set(doctor).send({ confirmedTags: [] }).expect(409);
    expect(changed.body.code).toBe('CONTRACT.FEES_CHANGED');
    const [row] = await t.dataSource.query('SELECT status FROM contracts WHERE id = ?', [waived.contract.id]);
    expect(row.status).toBe('pending');
    await t.http
      .post(`/api/staff/contracts/${waived.contract.id}/confirm`)
      .set(doctor)
      .send({ confirmedTags: ['lowIncome'] })
      .expect(200);

    const ok = await t.http
      .post(`/api/staff/contracts/${contract.id}/confirm`)
      .set(doctor)
      .send({ confirmedTags: ['hypertension'] })
      .expect(200);
    expect(ok.body).toMatchObject({ status: 'active', confirmedTags: ['hypertension'] });
    const [stored] = await t.dataSource.query('SELECT confirmedTagsCipher FROM contracts WHERE id = ?', [contract.id]);
    expect(stored.confirmedTagsCipher).toMatch(/^v1:/);
    expect(stored.confirmedTagsCipher).not.toContain('hypertension');
  });

  it('terminates for the reasons a resident may give, gives the place back, and refuses to end an ended contract', async () => {
    const { resident, contract } = await residentWithActiveContract(t);
    const before = await heldPlaces(t, contract.doctorId);
    const death = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(resident.auth).send({ reason: 'death' }).expect(409);
    expect(death.body.code).toBe('CONTRACT.REASON_NOT_ALLOWED');
    await t.http.post(`/api/contracts/${contract.id}/terminate`).set(resident.auth).send({ reason: 'bored' }).expect(400);
    const ended = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(resident.auth).send({ reason: 'movedAway' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'terminated', terminationReason: 'movedAway' });
    expect(ended.body.terminatedAt).toBeTruthy();
    expect(await heldPlaces(t, contract.doctorId)).toBe(before - 1);
    const twice = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(resident.auth).send({ reason: 'movedAway' }).expect(409);
    expect(twice.body.code).toBe('CONTRACT.NOT_TERMINABLE');

    const pending = await residentWithPendingContract(t);
    const withdrawn = await t.http
      .post(`/api/contracts/${pending.contract.id}/terminate`)
      .set(pending.resident.auth)
      .send({ reason: 'residentRequest' })
      .expect(200);
    expect(withdrawn.body.status).toBe('terminated');
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM contracts WHERE id IN (?, ?)', [contract.id, pending.contract.id]);
    expect(Number(n)).toBe(2);
  });

  it('renews inside the window (re-priced from the day after the end), refuses outside it and refuses a second renewal', async () => {
    // The resident turns 65 between today and the start of the renewal.
    const { resident, contract } = await residentWithActiveContract(t, {}, { birthDate: addYears(addDays(today(), 15), -65) });
    const early = await t.http.post(`/api/contracts/${contract.id}/renew`).set(resident.auth).send({}).expect(409);
    const opens = addDays(contract.endDate, -30);
    expect(early.body).toMatchObject({ code: 'CONTRACT.OUTSIDE_RENEWAL_WINDOW', message: `续约将于${formatChineseDate(opens)}开放（到期前30天）` });
    const pending = await residentWithPendingContract(t);
    const notActive = await t.http.post(`/api/contracts/${pending.contract.id}/renew`).set(pending.resident.auth).send({}).expect(409);
    expect(notActive.body.code).toBe('CONTRACT.NOT_ACTIVE');

    // Re-checked on the new start date: the elderly package is now theirs to choose.
    const endDate = addDays(today(), 20);
    await moveEndDate(t, contract.id, endDate);
    const before = await heldPlaces(t, contract.doctorId);
    const renewal = await t.http
      .post(`/api/contracts/${contract.id}/renew`)
      .set(resident.auth)
      .send({ packageCodes: [...BASIC, 'elderly'], years: 3 })
      .expect(201);
    expect(renewal.body).toMatchObject({
      status: 'pending',
      renewalOf: contract.id,
      doctorId: contract.doctorId,
      teamId: contract.teamId,
      years: 3,
      ...contractPeriod(addDays(endDate, 1), 3),
    });
    expect(renewal.body.fees.totals.total).toBe(3 * 10400);
    expect(await heldPlaces(t, contract.doctorId)).toBe(before);
    const second = await t.http.post(`/api/contracts/${contract.id}/renew`).set(resident.auth).send({}).expect(409);
    expect(second.body.code).toBe('CONTRACT.ALREADY_RENEWED');
    const old = await t.http.get(`/api/contracts/${contract.id}`).set(resident.auth).expect(200);
    expect(old.body).toMatchObject({ status: 'active', renewedBy: renewal.body.id });

    await t.http.post(`/api/staff/contracts/${renewal.body.id}/confirm`).set(doctor).send({ confirmedTags: [] }).expect(200);
    const late = await residentWithActiveContract(t);
    await moveEndDate(t, late.contract.id, addDays(today(), -1));
    const expired = await t.http.post(`/api/contracts/${late.contract.id}/renew`).set(late.resident.auth).send({}).expect(409);
    expect(expired.body.code).toBe('CONTRACT.OUTSIDE_RENEWAL_WINDOW');
    expect(expired.body.message).toContain('到期');
  });

  it('ends a waiting renewal together with the contract it continues', async () => {
    const { resident, contract } = await residentWithActiveContract(t);
    await moveEndDate(t, contract.id, addDays(today(), 5));
    const renewal = await t.http.post(`/api/contracts/${contract.id}/renew`).set(resident.auth).send({}).expect(201);
    const before = await heldPlaces(t, contract.doctorId);
    await t.http.post(`/api/contracts/${contract.id}/terminate`).set(resident.auth).send({ reason: 'movedAway' }).expect(200);
    const after = await t.http.get(`/api/contracts/${renewal.body.id}`).set(resident.auth).expect(200);
    expect(after.body).toMatchObject({ status: 'terminated', terminationReason: 'movedAway' });
    expect(await heldPlaces(t, contract.doctorId)).toBe(before - 1);
  });

  it('documents the contract endpoints in the OpenAPI document, with per-person selections', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    for (const path of [
      '/api/contracts',
      '/api/contracts/{id}/renew',
      '/api/contracts/{id}/change-team',
      '/api/staff/contracts/{id}/confirm',
      '/api/staff/refusals',
    ]) {
      expect(doc.body.paths[path]).toBeDefined();
    }
    expect(doc.body.components.schemas.CreateContractsDto.properties.selections).toBeDefined();
  });
});
