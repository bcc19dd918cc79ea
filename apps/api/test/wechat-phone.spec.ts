import { residentLogin, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** WeChat quick phone verification: POST /api/auth/wechat-phone exchanges a getPhoneNumber code through the stand-in. */
describe('auth: phone number by WeChat quick verification (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
  });
  afterAll(async () => t?.close());

  it('answers the verified number for a resident, fetching an access token first', async () => {
    const resident = await residentLogin(t);
    const response = await t.http.post('/api/auth/wechat-phone').set(resident.auth).send({ code: 'phone:13912345678' }).expect(200);
    expect(response.body).toEqual({ phone: '13912345678' });
  });

  it('refuses a code WeChat does not accept as 400 on the code, so the screen falls back to typing', async () => {
    const resident = await residentLogin(t);
    const response = await t.http.post('/api/auth/wechat-phone').set(resident.auth).send({ code: 'expired-code' }).expect(400);
    expect(response.body.details).toEqual([{ field: 'code', message: '手机号凭证无效或已过期' }]);
    const missing = await t.http.post('/api/auth/wechat-phone').set(resident.auth).send({}).expect(400);
    expect(missing.body.details[0].field).toBe('code');
  });

  it('is for signed-in residents only', async () => {
    await t.http.post('/api/auth/wechat-phone').send({ code: 'phone:13912345678' }).expect(401);
    const staff = await staffLogin(t, 'clinic1.doctor1');
    await t.http.post('/api/auth/wechat-phone').set(staff).send({ code: 'phone:13912345678' }).expect(403);
  });
});
