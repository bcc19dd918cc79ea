import { makeIdNumber } from '@jiayi/domain';
import { StaffContractsService } from '../src/contracts/staff-contracts.service';
import { BASIC, demoTeam, familyMember, residentWithActiveContract, residentWithPendingContract, sign } from './support/contract-factories';
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

  it('searches, filters by community and package and pages the list in the database, inside the scope, with the total', async () => {
    const team2 = await demoTeam(t, '东城第一家庭医生团队');
    const a = await residentWithPendingContract(
      t,
      { packageCodes: [...BASIC, 'hypertension'] },
      { name: '筛查甲', declaredTags: ['hypertension'], birthDate: '1960-03-03', phone: '13911110001' },
    );
    const b = await residentWithPendingContract(t, {}, { name: '筛查乙', community: '西关村', phone: '13911110002' });
    const c = await residentWithPendingContract(t, {}, { name: '筛查丙', phone: '13911110003' });
    const e = await residentWithPendingContract(t, { teamId: team2.id }, { name: '筛查戊', community: '东城社区', phone: '13911110004' });
    // Submitted one minute apart (the column keeps whole seconds): the pending list is oldest first.
    for (const [i, { contract }] of [a, b, c, e].entries()) {
      await t.dataSource.query('UPDATE contracts SET createdAt = ? WHERE id = ?', [new Date(Date.UTC(2026, 0, 1, 8, i)), contract.id]);
    }
    const list = async (headers: Headers, query: Record<string, string | number>) => {
      const response = await t.http
        .get('/api/staff/contracts')
        .query({ status: 'pending', ...query })
        .set(headers)
        .expect(200);
      return { names: response.body.items.map((i: { person: { name: string } }) => i.person.name) as string[], body: response.body };
    };

    const all = await list(doctor1, { q: '筛查' });
    expect(all.names).toEqual(['筛查甲', '筛查乙', '筛查丙']);
    expect(all.body).toMatchObject({ total: 3, limit: 100, offset: 0 });
    expect(await list(doctor1, { q: '筛查', communityId: b.resident.communityId })).toMatchObject({ names: ['筛查乙'], body: { total: 1 } });
    expect(await list(doctor1, { q: '筛查', packageCode: 'hypertension' })).toMatchObject({ names: ['筛查甲'], body: { total: 1 } });
    const hypertension = await list(doctor1, { packageCode: 'hypertension', limit: 500 });
    expect(hypertension.names).toContain('筛查甲');
    expect(hypertension.body.items.every((i: { packageCodes: string[] }) => i.packageCodes.includes('hypertension'))).toBe(true);
    expect(hypertension.body.total).toBe(hypertension.body.items.length);
    expect((await list(doctor1, { q: '13911110003' })).names).toEqual(['筛查丙']);
    expect((await list(doctor1, { q: a.resident.idNumber })).names).toEqual(['筛查甲']);
    expect((await list(doctor1, { q: a.resident.idNumber.slice(-4) })).names).toContain('筛查甲');
    expect((await list(doctor1, { q: '筛查', communityId: e.resident.communityId })).body.total).toBe(0);

    // Pages: the database's (name, community) and the decrypting (package) path page alike.
    expect(await list(doctor1, { q: '筛查', limit: 2 })).toMatchObject({ names: ['筛查甲', '筛查乙'], body: { total: 3, limit: 2, offset: 0 } });
    expect(await list(doctor1, { q: '筛查', limit: 2, offset: 2 })).toMatchObject({ names: ['筛查丙'], body: { total: 3 } });
    expect(await list(doctor1, { q: '筛查', packageCode: 'basicMedical', limit: 1, offset: 1 })).toMatchObject({ names: ['筛查乙'], body: { total: 3 } });
    expect(await list(doctor1, { q: '筛查', offset: 3 })).toMatchObject({ names: [], body: { total: 3 } });

    // Scope: the same search finds only what each account may see.
    expect(await list(admin2, { q: '筛查' })).toMatchObject({ names: ['筛查戊'], body: { total: 1 } });
    expect(await list(admin2, { q: '13911110001' })).toMatchObject({ names: [], body: { total: 0 } });
    expect(await list(admin2, { q: '筛查', packageCode: 'basicMedical' })).toMatchObject({ names: ['筛查戊'], body: { total: 1 } });
    expect((await list(doctor1, { q: '筛查戊' })).body.total).toBe(0);
    expect((await list(region, { q: '筛查' })).names).toEqual(['筛查甲', '筛查乙', '筛查丙', '筛查戊']);
    expect(await auditRows('clinic1.doctor1', 'contract.list', c.resident.person.id)).not.toHaveLength(0);
    expect(await auditRows('clinic2.admin', 'contract.list', a.resident.person.id)).toHaveLength(0);

    // Bad input: a 400 in Chinese naming the field.
    const bad: [Record<string, string | number>, string, string][] = [
      [{ limit: 0 }, 'limit', '每页条数须为1到500'],
      [{ limit: 501 }, 'limit', '每页条数须为1到500'],
      [{ limit: 'ten' }, 'limit', '每页条数须为整数'],
      [{ offset: -1 }, 'offset', '起始位置不能小于0'],
      [{ packageCode: '1-basic' }, 'packageCode', '服务包编码不正确'],
      [{ communityId: 'x'.repeat(37) }, 'communityId', '村/社区不正确'],
      [{ q: '筛'.repeat(31) }, 'q', '查询内容过长'],
      [{ status: 'nonsense' }, 'status', '签约状态不正确'],
    ];
    for (const [query, field, message] of bad) {
      const refused = await t.http.get('/api/staff/contracts').query(query).set(doctor1).expect(400);
      expect(refused.body.details).toContainEqual({ field, message });
    }

    // Decrypting is bounded: beyond the limit the caller is asked to narrow the list first.
    const service = t.app.get(StaffContractsService);
    service.scanLimit = 2;
    try {
      const tooBroad = await t.http.get('/api/staff/contracts').query({ status: 'pending', q: '筛查', packageCode: 'basicMedical' }).set(doctor1).expect(400);
      expect(tooBroad.body).toMatchObject({ code: 'CONTRACT.LIST_TOO_BROAD', details: [{ field: 'packageCode' }] });
      expect(tooBroad.body.message).toContain('请先选择状态或村/社区');
      await list(doctor1, { q: '筛查', communityId: b.resident.communityId, packageCode: 'basicMedical' });
    } finally {
      service.scanLimit = 20_000;
    }
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
