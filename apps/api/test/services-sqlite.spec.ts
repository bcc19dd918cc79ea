import { addDays, todayInChina } from '@jiayi/domain';
import { residentLogin, staffLogin } from './support/factories';
import { backdate, member, onsiteBody } from './support/service-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('service delivery on the embedded SQLite default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('signs on site, records and corrects a follow-up, lists the to-do, and the resident claims and confirms', async () => {
    const doctor = await staffLogin(t, 'clinic1.doctor1');
    const today = todayInChina(new Date());
    const head = member({ name: '卫大爷', birthDate: '1951-01-01', phone: '13744445555', declaredTags: ['diabetes2'] });
    const body = await onsiteBody(t, doctor, [head]);
    const signed = await t.http.post('/api/staff/onsite-signings').set(doctor).send(body).expect(201);
    const contract = signed.body.contracts[0];
    expect(contract).toMatchObject({ status: 'active', signedBy: 'doctor', channel: 'onsite' });
    const [team] = await t.dataSource.query('SELECT heldPlaces FROM teams WHERE id = ?', [body.teamId]);
    expect(Number(team.heldPlaces)).toBe(1);

    const created = await t.http
      .post('/api/staff/services')
      .set(doctor)
      .send({
        contractId: contract.id,
        type: 'followUp',
        date: today,
        channel: 'clinic',
        measurements: { fastingGlucose: 8.2 },
      })
      .expect(201);
    expect(created.body.onTarget).toBe(false);
    const corrected = await t.http
      .post(`/api/staff/services/${created.body.id}/corrections`)
      .set(doctor)
      .send({ type: 'followUp', date: today, channel: 'clinic', measurements: { fastingGlucose: 6.2 }, reason: '录错了' })
      .expect(201);
    expect(corrected.body).toMatchObject({ version: 2, onTarget: true });
    await t.http
      .post(`/api/staff/services/${created.body.id}/corrections`)
      .set(doctor)
      .send({ type: 'followUp', date: today, channel: 'clinic', reason: '再改' })
      .expect(409);

    await backdate(t, contract.id, 200, 20);
    const todo = await t.http.get('/api/staff/todo').set(doctor).expect(200);
    const kinds = todo.body.items.filter((i: { personId: string }) => i.personId === contract.personId).map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['serviceOverdue', 'contractEnding', 'serviceUnconfirmed']));
    expect(todo.body.items.find((i: { kind: string; personId: string }) => i.kind === 'contractEnding' && i.personId === contract.personId).date).toBe(
      addDays(today, 20),
    );

    const resident = await residentLogin(t);
    await t.http
      .put('/api/me/profile')
      .set(resident.auth)
      .send({
        name: '卫大爷',
        idNumber: head.idNumber,
        phone: '13744445555',
        communityId: body.communityId,
        declaredTags: ['diabetes2'],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(200);
    const mine = await t.http.get('/api/services').set(resident.auth).expect(200);
    expect(mine.body.people[0].services.map((s: { id: string }) => s.id)).toEqual([corrected.body.id]);
    await t.http.post(`/api/services/${corrected.body.id}/confirm`).set(resident.auth).expect(200);
    await t.http.post(`/api/services/${corrected.body.id}/confirm`).set(resident.auth).expect(409);
  });
});
