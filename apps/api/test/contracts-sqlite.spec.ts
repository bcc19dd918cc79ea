import { addDays, todayInChina } from '@jiayi/domain';
import { ContractExpiryJob } from '../src/contracts/contract-expiry.job';
import { demoTeam, heldPlaces, inBatches, leavePlaces, moveEndDate, sign, signBody } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('contracts on the embedded SQLite default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('signs, confirms and expires one contract, keeping the place count and the single open slot', async () => {
    const resident = await residentWithProfile(t, { birthDate: '1956-02-10' });
    const packageCodes = ['basicPublicHealth', 'basicMedical', 'elderly'];
    const quote = await t.http.post('/api/quotes').set(resident.auth).send({ personId: resident.person.id, packageCodes, years: 1 }).expect(200);
    const signed = await sign(t, resident, { packageCodes });
    expect(signed.status).toBe(201);
    const [contract] = signed.body;
    expect(contract.fees).toEqual(quote.body);
    expect((await sign(t, resident, { packageCodes })).body.code).toBe('CONTRACT.ALREADY_SIGNED');
    expect(await heldPlaces(t, contract.doctorId)).toBe(1);

    const doctor = await staffLogin(t, 'clinic1.doctor1');
    const pending = await t.http.get('/api/staff/contracts?status=pending').set(doctor).expect(200);
    expect(pending.body.items.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    // The list's search, community and package filters run on SQLite too (LIKE … ESCAPE, the join, the decrypting scan).
    const filtered = (query: Record<string, string>) =>
      t.http
        .get('/api/staff/contracts')
        .query({ status: 'pending', ...query })
        .set(doctor)
        .expect(200)
        .then((r) => r.body.items.map((c: { id: string }) => c.id));
    expect(await filtered({ q: '测试', communityId: resident.communityId, packageCode: 'elderly' })).toEqual([contract.id]);
    expect(await filtered({ q: resident.idNumber.slice(-4) })).toEqual([contract.id]);
    expect(await filtered({ q: '13800138000' })).toEqual([contract.id]);
    expect(await filtered({ packageCode: 'hypertension' })).toEqual([]);
    expect(await filtered({ q: '100%_!' })).toEqual([]);
    const confirmed = await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(doctor).send({ confirmedTags: [] }).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'active', confirmedTags: [] });
    const roster = await t.http.get('/api/staff/teams').set(doctor).expect(200);
    expect(roster.body[0].doctors.find((d: { id: string }) => d.id === contract.doctorId)).toMatchObject({ signed: 1, pending: 0, placesLeft: 1999 });

    await moveEndDate(t, contract.id, addDays(todayInChina(new Date()), -1));
    expect(await t.app.get(ContractExpiryJob).expireDue()).toBe(1);
    const mine = await t.http.get(`/api/contracts/${contract.id}`).set(resident.auth).expect(200);
    expect(mine.body.status).toBe('expired');
    expect(await heldPlaces(t, contract.doctorId)).toBe(0);
    expect((await sign(t, resident, { packageCodes })).status).toBe(201);
  });

  it('keeps the cap when sign-ups arrive at once (transactions queued on the one SQLite connection)', async () => {
    const doctorId = (await demoTeam(t)).doctor('王建国');
    await leavePlaces(t, doctorId, 2);
    const residents = await inBatches(12, 6, () => residentWithProfile(t));
    const bodies = await Promise.all(residents.map((r) => signBody(t, r, { doctorId })));
    const responses = await Promise.all(residents.map((r, i) => t.http.post('/api/contracts').set(r.auth).send(bodies[i])));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, ...Array(10).fill(409)]);
    expect(await heldPlaces(t, doctorId)).toBe(2000);
  });
});
