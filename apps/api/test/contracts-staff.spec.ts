import { makeIdNumber } from '@jiayi/domain';
import { demoTeam, familyMember, residentWithActiveContract, residentWithPendingContract, sign } from './support/contract-factories';
import { idNumberFor, residentWithProfile, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

type Headers = Record<string, string>;

describe("the doctor's confirmation workspace (MariaDB)", () => {
  let t: TestApp;
  let doctor1: Headers;
  let doctor2: Headers;
  let admin1: Headers;
  let admin2: Headers;
  let region: Headers;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [doctor1, doctor2, admin1, admin2, region] = await Promise.all(
      ['clinic1.doctor1', 'clinic2.doctor1', 'clinic1.admin', 'clinic2.admin', 'region.admin'].map((u) => staffLogin(t, u)),
    );
  });
  afterAll(async () => t?.close());

  const auditRows = (actorUsername: string, action: string, personId: string) =>
    t.dataSource.query('SELECT a.* FROM audit_logs a JOIN staff_accounts s ON s.id = a.actorId WHERE s.username = ? AND a.action = ? AND a.personId = ?', [
      actorUsername,
      action,
      personId,
    ]);

  it('lists the pending contracts of the team with the resident masked, and audits each person read', async () => {
    const { resident, contract } = await residentWithPendingContract(t, {}, { name: '待确认居民', declaredTags: ['hypertension'], birthDate: '1950-01-01' });
    const response = await t.http.get('/api/staff/contracts?status=pending').set(doctor1).expect(200);
    const item = response.body.items.find((c: { id: string }) => c.id === contract.id);
    expect(item.person).toEqual({
      id: resident.person.id,
      name: '待确认居民',
      idNumberMasked: resident.person.idNumberMasked,
      gender: 'female',
      age: resident.person.age,
      tags: ['elderly65', 'hypertension'],
      declaredTags: ['hypertension'],
      communityId: resident.person.communityId,
      phone: '13800138000',
    });
    expect(item).toMatchObject({ household: [], submittedBy: '待确认居民' });
    expect(JSON.stringify(response.body)).not.toContain(resident.idNumber);
    expect(response.body.total).toBeGreaterThanOrEqual(1);
    expect(response.body.items.every((c: { status: string }) => c.status === 'pending')).toBe(true);
    expect(await auditRows('clinic1.doctor1', 'contract.list', resident.person.id)).toHaveLength(1);

    const one = await t.http.get(`/api/staff/contracts/${contract.id}`).set(doctor1).expect(200);
    expect(one.body.person).toMatchObject({ name: '待确认居民', phone: '13800138000' });
    expect(await auditRows('clinic1.doctor1', 'contract.read', resident.person.id)).toHaveLength(1);
    await t.http.get('/api/staff/contracts?status=nonsense').set(doctor1).expect(400);
  });

  it("tells who else signed in the household and who submitted a family member's contract", async () => {
    const holder = await residentWithProfile(t, { name: '户主' });
    const spouse = await familyMember(t, holder, { name: '配偶' });
    const signed = await sign(t, holder, { personIds: [holder.person.id, spouse.id] });
    expect(signed.status).toBe(201);
    const [own, family] = signed.body as { id: string; personId: string }[];
    await t.http.post(`/api/staff/contracts/${own.id}/confirm`).set(doctor1).send({ confirmedTags: [] }).expect(200);
    const response = await t.http.get('/api/staff/contracts?status=pending').set(doctor1).expect(200);
    const item = response.body.items.find((c: { id: string }) => c.id === family.id);
    expect(item).toMatchObject({ household: [{ name: '户主', status: 'active' }], submittedBy: '户主', signedBy: 'family' });
    expect(await auditRows('clinic1.doctor1', 'contract.list', holder.person.id)).not.toHaveLength(0);
  });

  it('keeps staff inside their scope: clinic 2 cannot see, confirm or reject a contract of clinic 1 (404)', async () => {
    const { contract } = await residentWithPendingContract(t);
    for (const headers of [doctor2, admin2]) {
      await t.http.get(`/api/staff/contracts/${contract.id}`).set(headers).expect(404);
      await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(headers).send({ confirmedTags: [] }).expect(404);
      await t.http.post(`/api/staff/contracts/${contract.id}/reject`).set(headers).send({ reason: '越权' }).expect(404);
      const listed = await t.http.get('/api/staff/contracts').set(headers).expect(200);
      expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(contract.id);
    }
    const [row] = await t.dataSource.query('SELECT status FROM contracts WHERE id = ?', [contract.id]);
    expect(row.status).toBe('pending');
    await t.http.get(`/api/staff/contracts/${contract.id}`).set(admin1).expect(200);
    await t.http.get(`/api/staff/contracts/${contract.id}`).set(region).expect(200);
    await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(region).send({ confirmedTags: [] }).expect(403);
    const resident = await residentWithProfile(t);
    await t.http.get('/api/staff/contracts').set(resident.auth).expect(403);
    const coordinator = await staffLogin(t, 'hospital1.coordinator');
    await t.http.get('/api/staff/contracts').set(coordinator).expect(403);
  });

  it("keeps a doctor to their own team's contracts", async () => {
    const team2 = await demoTeam(t, '城关镇第二家庭医生团队');
    const { contract } = await residentWithPendingContract(t, { teamId: team2.id }, { community: '南街社区' });
    await t.http.get(`/api/staff/contracts/${contract.id}`).set(doctor1).expect(404);
    await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(admin1).send({ confirmedTags: [] }).expect(200);
  });

  it('lets the team end a contract for reasons of its own', async () => {
    const { resident, contract } = await residentWithActiveContract(t);
    const refused = await t.http.post(`/api/staff/contracts/${contract.id}/terminate`).set(doctor1).send({ reason: 'residentRequest' }).expect(409);
    expect(refused.body.code).toBe('CONTRACT.REASON_NOT_ALLOWED');
    const ended = await t.http.post(`/api/staff/contracts/${contract.id}/terminate`).set(doctor1).send({ reason: 'unreachable' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'terminated', terminationReason: 'unreachable' });
    expect(await auditRows('clinic1.doctor1', 'contract.terminate', resident.person.id)).toHaveLength(1);
  });

  it('shows the roster of teams in scope with signed, pending and places left per doctor', async () => {
    const team = await demoTeam(t);
    const doctorId = team.doctor('王建国');
    await residentWithActiveContract(t, { doctorId });
    await residentWithPendingContract(t, { doctorId });
    const mine = await t.http.get('/api/staff/teams').set(doctor1).expect(200);
    expect(mine.body.map((x: { name: string }) => x.name)).toEqual(['城关镇第一家庭医生团队']);
    const wang = mine.body[0].doctors.find((d: { id: string }) => d.id === doctorId);
    const [{ n: active }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM contracts WHERE doctorId = ? AND status = 'active' AND holdsPlace = 1`, [
      doctorId,
    ]);
    const [{ n: pending }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM contracts WHERE doctorId = ? AND status = 'pending' AND holdsPlace = 1`, [
      doctorId,
    ]);
    expect(wang).toMatchObject({ name: '王建国', title: '全科医生（团队长）', signed: Number(active), pending: Number(pending) });
    expect(wang.signed + wang.pending + wang.placesLeft).toBe(2000);
    expect((await t.http.get('/api/staff/teams').set(admin2).expect(200)).body.map((x: { name: string }) => x.name).sort()).toEqual([
      '东城第一家庭医生团队',
      '东城第二家庭医生团队',
    ]);
    expect((await t.http.get('/api/staff/teams').set(region).expect(200)).body).toHaveLength(4);
  });

  it('records an informed refusal with the ID number encrypted, hashed and masked, scoped to the team', async () => {
    const team = await demoTeam(t);
    const idNumber = makeIdNumber('1960-07-07', 'male', 31);
    const created = await t.http
      .post('/api/staff/refusals')
      .set(doctor1)
      .send({ name: '拒签居民', idNumber, phone: '13912345678', teamId: team.id, reason: '暂不需要家庭医生服务' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: '拒签居民',
      idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
      phoneMasked: '139****5678',
      teamId: team.id,
    });
    expect(JSON.stringify(created.body)).not.toContain(idNumber);
    const [row] = await t.dataSource.query('SELECT * FROM signing_refusals WHERE id = ?', [created.body.id]);
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain('13912345678');
    expect(row.idNumberHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await t.http.get('/api/staff/refusals').set(doctor1).expect(200)).body.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect((await t.http.get('/api/staff/refusals').set(admin2).expect(200)).body.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    const otherTeam = await demoTeam(t, '东城第一家庭医生团队');
    await t.http
      .post('/api/staff/refusals')
      .set(doctor1)
      .send({ name: '某人', idNumber: idNumberFor('1970-01-01'), teamId: otherTeam.id, reason: '不需要' })
      .expect(404);
    const badId = await t.http.post('/api/staff/refusals').set(doctor1).send({ name: '某人', idNumber: '123', teamId: team.id, reason: '不需要' }).expect(400);
    expect(badId.body.details[0].field).toBe('idNumber');
  });

  it('finds residents with a contract in scope by name or ID number, masked and audited', async () => {
    const { resident } = await residentWithPendingContract(t, {}, { name: '欧阳回访' });
    const byName = await t.http
      .get(`/api/staff/residents?q=${encodeURIComponent('欧阳')}`)
      .set(doctor1)
      .expect(200);
    expect(byName.body).toHaveLength(1);
    expect(byName.body[0]).toMatchObject({
      id: resident.person.id,
      name: '欧阳回访',
      idNumberMasked: resident.person.idNumberMasked,
      phoneMasked: '138****8000',
    });
    expect(byName.body[0].contract.status).toBe('pending');
    expect(JSON.stringify(byName.body)).not.toContain('13800138000');
    const byId = await t.http.get(`/api/staff/residents?q=${resident.idNumber}`).set(doctor1).expect(200);
    expect(byId.body.map((p: { id: string }) => p.id)).toEqual([resident.person.id]);
    expect(await auditRows('clinic1.doctor1', 'resident.search', resident.person.id)).toHaveLength(2);
    expect(
      (
        await t.http
          .get(`/api/staff/residents?q=${encodeURIComponent('欧阳')}`)
          .set(doctor2)
          .expect(200)
      ).body,
    ).toEqual([]);
    expect(
      (
        await t.http
          .get(`/api/staff/residents?q=${encodeURIComponent('%')}`)
          .set(doctor1)
          .expect(200)
      ).body,
    ).toEqual([]);
    const noContract = await residentWithProfile(t, { name: '欧阳未签' });
    const all = await t.http
      .get(`/api/staff/residents?q=${encodeURIComponent('欧阳')}`)
      .set(admin1)
      .expect(200);
    expect(all.body.map((p: { id: string }) => p.id)).not.toContain(noContract.person.id);
  });
});
