import { startWechatStandin, WechatStandin } from '../src/wechat-standin/wechat-standin';
import { communityNamed, idNumberFor, residentLogin, residentWithProfile } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** The four defects found from outside (hardening issue), each pinned by a test that failed before. */
describe('defects found from outside (MariaDB)', () => {
  let t: TestApp;
  let restartedWechat: WechatStandin | undefined;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
  });
  afterAll(async () => {
    restartedWechat?.server.closeAllConnections();
    await restartedWechat?.close();
    await t?.close();
  });

  const countRows = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('answers 503 in Chinese while WeChat is unreachable, and signs in again once it is back', async () => {
    const port = Number(new URL(t.wechat.url).port);
    t.wechat.server.closeAllConnections();
    await t.wechat.close();
    const down = await t.http.post('/api/auth/wechat-login').send({ code: 'dev:while-down' });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ statusCode: 503, message: expect.stringContaining('微信登录服务暂时不可用') });

    restartedWechat = await startWechatStandin(port);
    await t.http.post('/api/auth/wechat-login').send({ code: 'dev:after-return' }).expect(200);
  });

  it('refuses a body nested 5,000 levels deep with a 400 on every write route, storing nothing', async () => {
    const { auth } = await residentWithProfile(t);
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const before = await countRows('persons');
    for (const [method, path] of [
      ['put', '/api/me/profile'],
      ['post', '/api/me/family-members'],
      ['post', '/api/quotes'],
      ['post', '/api/contracts'],
      ['post', '/api/survey-waves/any/responses'],
    ] as const) {
      const response = await t.http[method](path).set(auth).set('content-type', 'application/json').send(deep);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body).toMatchObject({ message: expect.stringContaining('嵌套过深'), details: [{ field: 'body' }] });
    }
    expect(await countRows('persons')).toBe(before);
  });

  it('refuses names that are blank, control characters or markup, and trims the rest', async () => {
    const login = await residentLogin(t);
    const communityId = await communityNamed(t, login.auth, '东关村');
    const profile = (name: string) => ({
      name,
      idNumber: idNumberFor('1980-01-01'),
      phone: '13800138000',
      communityId,
      declaredTags: [],
      privacyPolicyVersion: '2026-11',
      sensitiveConsent: true,
    });
    for (const name of [' ', '\u0000', '<script>alert(1)</script>', '张三\u0007']) {
      const response = await t.http.put('/api/me/profile').set(login.auth).send(profile(name)).expect(400);
      expect(response.body.details[0]).toMatchObject({ field: 'name', message: expect.stringMatching(/姓名/) });
    }
    const trimmed = await t.http.put('/api/me/profile').set(login.auth).send(profile('  王芳 ')).expect(200);
    expect(trimmed.body.name).toBe('王芳');

    const member = (name: string) => ({ name, idNumber: idNumberFor('1950-02-02'), relation: 'parent', declaredTags: [] });
    const before = await countRows('persons');
    for (const name of [' ', '\u0000', '<b>x</b>']) {
      const response = await t.http.post('/api/me/family-members').set(login.auth).send(member(name)).expect(400);
      expect(response.body.details[0].field).toBe('name');
    }
    expect(await countRows('persons')).toBe(before);
  });

  it('refuses an empty string for an optional id instead of reading it as absent', async () => {
    const { auth, person } = await residentWithProfile(t);
    const teams = await t.http.get('/api/teams').set(auth).expect(200);
    const before = await countRows('contracts');
    const response = await t.http
      .post('/api/contracts')
      .set(auth)
      .send({
        personIds: [person.id],
        teamId: teams.body[0].id,
        doctorId: '',
        packageCodes: ['basicPublicHealth'],
        years: 1,
        agreementVersion: '1',
        insuranceAuthorized: true,
      })
      .expect(400);
    expect(response.body.details[0]).toMatchObject({ field: 'doctorId', message: '家庭医生不正确' });
    expect(await countRows('contracts')).toBe(before);
    const communities = await t.http.get('/api/teams?communityId=').set(auth).expect(400);
    expect(communities.body.details[0].field).toBe('communityId');
  });
});
