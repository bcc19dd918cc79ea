import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, todayInChina } from '@jiayi/domain';
import { ContractExpiryJob } from '../src/contracts/contract-expiry.job';
import { demoTeam, heldPlaces, moveEndDate, residentWithActiveContract, type Resident } from './support/contract-factories';
import { staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const today = () => todayInChina(new Date());

/** domain.md §5: the old contract stays active until the new team confirms, and continues if it rejects. */
describe('contracts: change of team (改签) waits for the new team (MariaDB)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    second = await t.startSecondInstance();
    admin = await staffLogin(t, 'clinic1.admin');
  });
  afterAll(async () => t?.close());

  const openContracts = async (personId: string) =>
    (await t.dataSource.query(`SELECT id, status, openSlot, holdsPlace, terminationReason FROM contracts WHERE personId = ? ORDER BY id`, [personId])) as {
      id: string;
      status: string;
      openSlot: string | null;
      holdsPlace: number;
      terminationReason: string | null;
    }[];

  /** A resident of 西关村 with an active contract with team 1, asking to change to 吴春生 of team 2. */
  async function changeRequested() {
    const { resident, contract } = await residentWithActiveContract(t, {}, { community: '西关村' });
    const team2 = await demoTeam(t, '城关镇第二家庭医生团队');
    const newDoctor = team2.doctor('吴春生');
    const before = { old: await heldPlaces(t, contract.doctorId), new: await heldPlaces(t, newDoctor) };
    const response = await t.http
      .post(`/api/contracts/${contract.id}/change-team`)
      .set(resident.auth)
      .send({ teamId: team2.id, doctorId: newDoctor })
      .expect(201);
    return { resident, old: contract, change: response.body, team2, newDoctor, before };
  }

  const get = (resident: Resident, id: string) => t.http.get(`/api/contracts/${id}`).set(resident.auth).expect(200);

  it('keeps the old contract active while the new one is pending, each holding its place', async () => {
    const { resident, old, change, team2, newDoctor, before } = await changeRequested();
    expect(change).toMatchObject({ status: 'pending', teamId: team2.id, doctorId: newDoctor, packageCodes: old.packageCodes });
    expect(change.fees.totals).toEqual(old.fees.totals);
    expect((await get(resident, old.id)).body).toMatchObject({ status: 'active', terminationReason: null });
    expect(await heldPlaces(t, old.doctorId)).toBe(before.old);
    expect(await heldPlaces(t, newDoctor)).toBe(before.new + 1);
    expect(await openContracts(resident.person.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: old.id, status: 'active', openSlot: resident.person.id, holdsPlace: 1 }),
        expect.objectContaining({ id: change.id, status: 'pending', openSlot: `${resident.person.id}:change`, holdsPlace: 1 }),
      ]),
    );

    const again = await t.http.post(`/api/contracts/${old.id}/change-team`).set(resident.auth).send({ teamId: team2.id }).expect(409);
    expect(again.body.code).toBe('CONTRACT.CHANGE_PENDING');
    const ofPending = await t.http.post(`/api/contracts/${change.id}/change-team`).set(resident.auth).send({ teamId: old.teamId }).expect(409);
    expect(ofPending.body.code).toBe('CONTRACT.NOT_ACTIVE');
    const same = await t.http.post(`/api/contracts/${old.id}/change-team`).set(resident.auth).send({ teamId: old.teamId }).expect(409);
    expect(same.body.code).toBe('CONTRACT.SAME_TEAM');
    const notServing = await t.http
      .post(`/api/contracts/${old.id}/change-team`)
      .set(resident.auth)
      .send({ teamId: (await demoTeam(t, '东城第一家庭医生团队')).id })
      .expect(409);
    expect(notServing.body.code).toBe('CONTRACT.TEAM_NOT_SERVING');
    const resign = await t.http
      .post('/api/contracts')
      .set(resident.auth)
      .send({
        personIds: [resident.person.id],
        teamId: team2.id,
        packageCodes: old.packageCodes,
        years: 1,
        agreementVersion: old.agreementVersion,
        insuranceAuthorized: true,
      })
      .expect(409);
    expect(resign.body.code).toBe('CONTRACT.ALREADY_SIGNED');
  });

  it('ends the old contract as 改签 when the new team confirms, in the same step, and gives its place back', async () => {
    const { resident, old, change, newDoctor, before } = await changeRequested();
    const confirmed = await t.http.post(`/api/staff/contracts/${change.id}/confirm`).set(admin).send({ confirmedTags: [] }).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'active' });
    const oldNow = (await get(resident, old.id)).body;
    expect(oldNow).toMatchObject({ status: 'terminated', terminationReason: 'changedTeam' });
    expect(oldNow.terminatedAt).toBeTruthy();
    expect(await heldPlaces(t, old.doctorId)).toBe(before.old - 1);
    expect(await heldPlaces(t, newDoctor)).toBe(before.new + 1);
    expect(await openContracts(resident.person.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: old.id, status: 'terminated', openSlot: null, holdsPlace: 0 }),
        expect.objectContaining({ id: change.id, status: 'active', openSlot: resident.person.id, holdsPlace: 1 }),
      ]),
    );
  });

  it('lets the old contract simply continue when the new team rejects', async () => {
    const { resident, old, change, newDoctor, before } = await changeRequested();
    await t.http.post(`/api/staff/contracts/${change.id}/reject`).set(admin).send({ reason: '团队名额已满' }).expect(200);
    expect((await get(resident, old.id)).body).toMatchObject({ status: 'active', terminationReason: null });
    expect((await get(resident, change.id)).body).toMatchObject({ status: 'rejected', rejectionReason: '团队名额已满' });
    expect(await heldPlaces(t, old.doctorId)).toBe(before.old);
    expect(await heldPlaces(t, newDoctor)).toBe(before.new);
    // The resident may ask again, now that nothing waits.
    await t.http.post(`/api/contracts/${old.id}/change-team`).set(resident.auth).send({ teamId: change.teamId }).expect(201);
  });

  it('lets the resident withdraw the request: the old contract continues', async () => {
    const { resident, old, change } = await changeRequested();
    await t.http.post(`/api/contracts/${change.id}/terminate`).set(resident.auth).send({ reason: 'residentRequest' }).expect(200);
    expect((await get(resident, old.id)).body.status).toBe('active');
  });

  it('hands the main slot to the waiting change when the old contract expires first; confirmation then ends nothing else', async () => {
    const { resident, old, change, newDoctor, before } = await changeRequested();
    await moveEndDate(t, old.id, addDays(today(), -1));
    expect(await t.app.get(ContractExpiryJob).expireOne(old.id, today())).toBe(true);
    expect(await openContracts(resident.person.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: old.id, status: 'expired', openSlot: null, holdsPlace: 0 }),
        expect.objectContaining({ id: change.id, status: 'pending', openSlot: resident.person.id }),
      ]),
    );
    await t.http.post(`/api/staff/contracts/${change.id}/confirm`).set(admin).send({ confirmedTags: [] }).expect(200);
    expect((await get(resident, old.id)).body).toMatchObject({ status: 'expired', terminationReason: null });
    expect(await heldPlaces(t, old.doctorId)).toBe(before.old - 1);
    expect(await heldPlaces(t, newDoctor)).toBe(before.new + 1);
  });

  it('under a race of the new team confirming with the expiry job (two API processes), ends the old one exactly once', async () => {
    const rounds = 8;
    const cases = [];
    for (let i = 0; i < rounds; i++) cases.push(await changeRequested());
    for (const c of cases) await moveEndDate(t, c.old.id, addDays(today(), -1));
    const jobs = [t.app.get(ContractExpiryJob), second.get(ContractExpiryJob)];

    const outcomes = await Promise.all(
      cases.map(async (c, i) => {
        const [confirm, expired] = await Promise.all([
          t.http.post(`/api/staff/contracts/${c.change.id}/confirm`).set(admin).send({ confirmedTags: [] }),
          jobs[i % 2].expireOne(c.old.id, today()),
        ]);
        return { confirm: confirm.status, expired };
      }),
    );

    for (const [i, c] of cases.entries()) {
      expect(outcomes[i].confirm).toBe(200);
      const rows = await openContracts(c.resident.person.id);
      const oldRow = rows.find((r) => r.id === c.old.id)!;
      const newRow = rows.find((r) => r.id === c.change.id)!;
      // Whoever won, the old contract is closed once (expired if the job came first, 改签 otherwise).
      expect(oldRow).toMatchObject({ openSlot: null, holdsPlace: 0 });
      expect(oldRow.status).toBe(outcomes[i].expired ? 'expired' : 'terminated');
      if (oldRow.status === 'terminated') expect(oldRow.terminationReason).toBe('changedTeam');
      expect(newRow).toMatchObject({ status: 'active', openSlot: c.resident.person.id, holdsPlace: 1 });
      expect(rows.filter((r) => r.openSlot !== null)).toHaveLength(1);
    }
    // Places: every old doctor gave back one place per case, every new doctor holds one more.
    const doctors: { id: string; heldPlaces: number }[] = await t.dataSource.query('SELECT id, heldPlaces FROM doctors');
    const held: { doctorId: string; n: string }[] = await t.dataSource.query(
      'SELECT doctorId, COUNT(*) AS n FROM contracts WHERE holdsPlace = 1 GROUP BY doctorId',
    );
    for (const d of doctors) expect(Number(d.heldPlaces)).toBe(Number(held.find((h) => h.doctorId === d.id)?.n ?? 0));
  });
});
