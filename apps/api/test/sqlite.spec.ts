import { residentWithProfile, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('the embedded SQLite default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('boots, migrates and reports SQLite in /api/health', async () => {
    const response = await t.http.get('/api/health').expect(200);
    expect(response.body.database).toMatchObject({ status: 'up', type: 'better-sqlite3' });
  });

  it('registers a resident with the ID number encrypted and quotes the elderly scenario to the fen', async () => {
    const r = await residentWithProfile(t, { birthDate: '1956-02-10' });
    const [row] = await t.dataSource.query('SELECT idNumberCipher, idNumberMasked FROM persons WHERE id = ?', [r.person.id]);
    expect(row.idNumberCipher).not.toContain(r.idNumber);
    expect(row.idNumberMasked).toBe(r.person.idNumberMasked);
    const quote = await t.http
      .post('/api/quotes')
      .set(r.auth)
      .send({ personId: r.person.id, packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly'], years: 1 })
      .expect(200);
    expect(quote.body.totals).toEqual({ total: 10400, insurance: 6900, selfPay: 2500, publicHealth: 1000, fiscal: 0 });
  });

  it('signs staff in and scopes them', async () => {
    const doctor = await staffLogin(t, 'clinic1.doctor1');
    const policy = await t.http.get('/api/staff/policies').set(doctor).expect(200);
    expect(policy.body.doctorCapacity).toBe(2000);
  });
});
