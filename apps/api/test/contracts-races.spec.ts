import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { addDays, todayInChina } from '@jiayi/domain';
import { ContractExpiryJob } from '../src/contracts/contract-expiry.job';
import { demoTeam, heldPlaces, inBatches, leavePlaces, moveEndDate, residentWithActiveContract, sign, signBody } from './support/contract-factories';
import { residentWithProfile } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const RACERS = 50;

/** heldPlaces of each doctor equals the contracts that hold one of its places. */
async function placesAgreeWithContracts(t: TestApp) {
  const doctors: { id: string; heldPlaces: number }[] = await t.dataSource.query('SELECT id, heldPlaces FROM doctors');
  const held: { doctorId: string; n: string }[] = await t.dataSource.query(
    'SELECT doctorId, COUNT(*) AS n FROM contracts WHERE holdsPlace = 1 GROUP BY doctorId',
  );
  return doctors
    .map((d) => ({ id: d.id, heldPlaces: Number(d.heldPlaces) }))
    .map((d) => ({ ...d, counted: Number(held.find((h) => h.doctorId === d.id)?.n ?? 0) }));
}

describe('contracts under concurrency (MariaDB, one and two API processes)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    second = await t.startSecondInstance();
  });
  afterAll(async () => t?.close());

  const racers = () => inBatches(RACERS, 10, () => residentWithProfile(t));
  const summarise = (responses: { status: number; body: { code?: string } }[]) => ({
    created: responses.filter((r) => r.status === 201).length,
    full: responses.filter((r) => r.status === 409 && r.body.code === 'CONTRACT.CAPACITY_FULL').length,
    other: responses.filter((r) => r.status !== 201 && !(r.status === 409 && r.body.code === 'CONTRACT.CAPACITY_FULL')).map((r) => [r.status, r.body]),
  });

  it(`lets exactly 3 of ${RACERS} residents racing for a doctor with 3 places left sign; the rest get CAPACITY_FULL`, async () => {
    const team = await demoTeam(t);
    const doctorId = team.doctor('赵中和');
    await leavePlaces(t, doctorId, 3);
    const residents = await racers();
    const bodies = await Promise.all(residents.map((r) => signBody(t, r, { doctorId })));
    const responses = await Promise.all(residents.map((r, i) => t.http.post('/api/contracts').set(r.auth).send(bodies[i])));
    expect(summarise(responses)).toEqual({ created: 3, full: RACERS - 3, other: [] });
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM contracts WHERE doctorId = ? AND status = 'pending'`, [doctorId]);
    expect(Number(n)).toBe(3);
    expect(await heldPlaces(t, doctorId)).toBe(2000);
    const full = responses.find((r) => r.status === 409)!;
    expect(full.body).toMatchObject({ message: '该医生签约名额已满，请选择其他医生或团队', details: [{ field: 'doctorId' }] });
  });

  it('holds the cap across two API processes on one database', async () => {
    const team = await demoTeam(t);
    const doctorId = team.doctor('王建国');
    await leavePlaces(t, doctorId, 3);
    const residents = await racers();
    const bodies = await Promise.all(residents.map((r) => signBody(t, r, { doctorId })));
    const servers = [t.http, request(second.getHttpServer())];
    const responses = await Promise.all(residents.map((r, i) => servers[i % 2].post('/api/contracts').set(r.auth).send(bodies[i])));
    expect(summarise(responses)).toEqual({ created: 3, full: RACERS - 3, other: [] });
    expect(await heldPlaces(t, doctorId)).toBe(2000);
  });

  it('gives one contract to a person submitting twice at once (also on two processes), the other answer is 409 ALREADY_SIGNED', async () => {
    const residents = await inBatches(5, 5, () => residentWithProfile(t, { community: '南街社区' }));
    const team2 = await demoTeam(t, '城关镇第二家庭医生团队');
    const servers = [t.http, request(second.getHttpServer())];
    for (const resident of residents) {
      const body = await signBody(t, resident, { teamId: team2.id });
      const responses = await Promise.all([0, 1, 2, 3].map((i) => servers[i % 2].post('/api/contracts').set(resident.auth).send(body)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409]);
      expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'CONTRACT.ALREADY_SIGNED')).toBe(true);
      const rows = await t.dataSource.query('SELECT id FROM contracts WHERE personId = ?', [resident.person.id]);
      expect(rows).toHaveLength(1);
    }
    const mismatched = (await placesAgreeWithContracts(t)).filter(
      (d) => [team2.doctor('陈立华'), team2.doctor('吴春生')].includes(d.id) && d.heldPlaces !== d.counted,
    );
    expect(mismatched).toEqual([]);
  });

  it('expires due contracts exactly once when two processes run the job at the same time, handing a renewal its place', async () => {
    const team = await demoTeam(t, '城关镇第二家庭医生团队');
    const today = todayInChina(new Date());
    const active = await inBatches(6, 3, () => residentWithActiveContract(t, { teamId: team.id, doctorId: team.doctor('陈立华') }, { community: '南街社区' }));
    // One of them is renewed before it ends: its renewal goes on with the same doctor and place.
    const renewed = active[0];
    await moveEndDate(t, renewed.contract.id, addDays(today, 3));
    const renewal = await t.http.post(`/api/contracts/${renewed.contract.id}/renew`).set(renewed.resident.auth).send({}).expect(201);
    for (const { contract } of active) await moveEndDate(t, contract.id, addDays(today, -1));
    const before = await heldPlaces(t, team.doctor('陈立华'));

    const jobs = [t.app.get(ContractExpiryJob), second.get(ContractExpiryJob)];
    const counts = await Promise.all([jobs[0].expireDue(), jobs[1].expireDue(), jobs[0].expireDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await jobs[1].expireDue()).toBe(0);

    const statuses = await t.dataSource.query(
      `SELECT status, COUNT(*) AS n FROM contracts WHERE id IN (${active.map(() => '?').join(',')}) GROUP BY status`,
      active.map((a) => a.contract.id),
    );
    expect(statuses.map((s: { status: string; n: string }) => [s.status, Number(s.n)])).toEqual([['expired', 6]]);
    expect(await heldPlaces(t, team.doctor('陈立华'))).toBe(before - 5);
    const [continued] = await t.dataSource.query('SELECT status, openSlot, holdsPlace FROM contracts WHERE id = ?', [renewal.body.id]);
    expect(continued).toMatchObject({ status: 'pending', openSlot: renewed.resident.person.id, holdsPlace: 1 });
    const resigned = await sign(t, renewed.resident, { teamId: team.id });
    expect(resigned.body.code).toBe('CONTRACT.ALREADY_SIGNED');
    expect((await placesAgreeWithContracts(t)).filter((d) => d.id === team.doctor('陈立华'))).toEqual([
      { id: team.doctor('陈立华'), heldPlaces: before - 5, counted: before - 5 },
    ]);
  });
});
