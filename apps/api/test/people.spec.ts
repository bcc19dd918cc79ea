import { makeIdNumber } from '@jiayi/domain';
import { communityNamed, idNumberFor, residentLogin, residentWithProfile } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('residents, profiles and family members (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
  });
  afterAll(async () => t?.close());

  it('signs a resident in through the WeChat stand-in and refuses a bad code', async () => {
    const { auth } = await residentLogin(t, 'alice');
    const me = await t.http.get('/api/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ person: null, consent: { sensitiveConsent: false } });
    const bad = await t.http.post('/api/auth/wechat-login').send({ code: 'not-a-code' }).expect(401);
    expect(bad.body.message).toContain('微信登录失败');
    expect(JSON.stringify(me.body)).not.toMatch(/session/i);
  });

  it('stores the ID number encrypted, finds it by keyed hash, and shows it masked', async () => {
    const idNumber = makeIdNumber('1956-03-08', 'male', 7);
    const { person } = await residentWithProfile(t, { idNumber, name: '李大爷' });
    expect(person).toMatchObject({ name: '李大爷', gender: 'male', birthDate: '1956-03-08', relation: 'self' });
    expect(person.idNumberMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(person.tags).toContain('elderly65');

    const [row] = await t.dataSource.query('SELECT * FROM persons WHERE id = ?', [person.id]);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(idNumber);
    expect(raw).not.toContain(idNumber.slice(6, 14));
    expect(raw).not.toContain('13800138000');
    expect(row.idNumberCipher).toMatch(/^v1:/);
    expect(row.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the same ID number registered twice, even from another account', async () => {
    const idNumber = idNumberFor('1970-01-01');
    await residentWithProfile(t, { idNumber });
    const other = await residentLogin(t);
    const communityId = await communityNamed(t, other.auth, '东关村');
    const response = await t.http
      .put('/api/me/profile')
      .set(other.auth)
      .send({
        name: '冒名',
        idNumber,
        phone: '13800138001',
        communityId,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(409);
    expect(response.body).toMatchObject({ code: 'PERSON.ALREADY_REGISTERED', details: [{ field: 'idNumber' }] });
  });

  it.each([
    ['1234567890', '身份证'],
    ['110105560308123', '18位'],
    ['11010519560308123Y', '身份证'],
    ['110105195602301234', '出生日期'],
  ])('refuses the ID number %s with a Chinese message on idNumber', async (idNumber, fragment) => {
    const { auth } = await residentLogin(t);
    const communityId = await communityNamed(t, auth, '东关村');
    const response = await t.http
      .put('/api/me/profile')
      .set(auth)
      .send({
        name: '张三',
        idNumber,
        phone: '13800138000',
        communityId,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(400);
    expect(response.body.details[0].field).toBe('idNumber');
    expect(response.body.message).toContain(fragment);
    expect((await t.http.get('/api/me').set(auth)).body.person).toBeNull();
  });

  it('refuses a wrong check character', async () => {
    const good = idNumberFor('1988-08-08');
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const { auth } = await residentLogin(t);
    const communityId = await communityNamed(t, auth, '东关村');
    const response = await t.http
      .put('/api/me/profile')
      .set(auth)
      .send({
        name: '张三',
        idNumber: wrong,
        phone: '13800138000',
        communityId,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(400);
    expect(response.body.message).toContain('校验');
  });

  it('needs the separate sensitive-information consent and refuses unknown fields', async () => {
    const { auth } = await residentLogin(t);
    const communityId = await communityNamed(t, auth, '东关村');
    const body = { name: '张三', idNumber: idNumberFor('1990-01-01'), phone: '13800138000', communityId, declaredTags: [], privacyPolicyVersion: '2026-11' };
    const noConsent = await t.http
      .put('/api/me/profile')
      .set(auth)
      .send({ ...body, sensitiveConsent: false })
      .expect(400);
    expect(noConsent.body.details[0].field).toBe('sensitiveConsent');
    const unknown = await t.http
      .put('/api/me/profile')
      .set(auth)
      .send({ ...body, sensitiveConsent: true, isAdmin: true })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'isAdmin', message: '不支持的字段：isAdmin' }]);
    const badTag = await t.http
      .put('/api/me/profile')
      .set(auth)
      .send({ ...body, sensitiveConsent: true, declaredTags: ['elderly65'] })
      .expect(400);
    expect(badTag.body.details[0].field).toBe('declaredTags');
  });

  it('adds family members, asks a guardian for a child under 14, and keeps them private to the account', async () => {
    const parent = await residentWithProfile(t);
    const childId = idNumberFor('2020-06-01', 'male');
    const refused = await t.http
      .post('/api/me/family-members')
      .set(parent.auth)
      .send({ name: '小明', idNumber: childId, relation: 'child', declaredTags: [] })
      .expect(400);
    expect(refused.body.details[0].field).toBe('guardianConsent');
    const child = await t.http
      .post('/api/me/family-members')
      .set(parent.auth)
      .send({ name: '小明', idNumber: childId, relation: 'child', declaredTags: [], guardianConsent: true })
      .expect(201);
    expect(child.body).toMatchObject({ name: '小明', relation: 'child', tags: ['child0to6'], communityId: parent.communityId });

    const stranger = await residentWithProfile(t);
    await t.http
      .put(`/api/me/family-members/${child.body.id}`)
      .set(stranger.auth)
      .send({ name: '小明', idNumber: childId, relation: 'child', declaredTags: [], guardianConsent: true })
      .expect(404);
    await t.http.delete(`/api/me/family-members/${child.body.id}`).set(stranger.auth).expect(404);
    await t.http.get(`/api/packages?personId=${child.body.id}`).set(stranger.auth).expect(404);
    expect((await t.http.get('/api/me/family-members').set(stranger.auth)).body).toEqual([]);
    expect((await t.http.get('/api/me/family-members').set(parent.auth)).body).toHaveLength(1);

    // wx.request sends a JSON content type with an empty body on DELETE.
    await t.http.delete(`/api/me/family-members/${child.body.id}`).set(parent.auth).set('Content-Type', 'application/json').expect(204);
    expect((await t.http.get('/api/me/family-members').set(parent.auth)).body).toEqual([]);
  });

  it('lists communities with institutions and teams with places left', async () => {
    const { auth, communityId } = await residentWithProfile(t);
    const communities = await t.http.get('/api/communities').set(auth).expect(200);
    expect(communities.body).toHaveLength(6);
    expect(communities.body[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), institutionName: expect.any(String) }));
    const teams = await t.http.get(`/api/teams?communityId=${communityId}`).set(auth).expect(200);
    expect(teams.body.map((team: { name: string }) => team.name)).toEqual(['城关镇第一家庭医生团队']);
    expect(teams.body[0].doctors.find((d: { name: string }) => d.name === '王建国').placesLeft).toBe(2000);
    expect(teams.body[0].placesLeft).toBe(4000);
  });

  it('answers 401 without a token and 403 for a resident on a staff route', async () => {
    await t.http.get('/api/me').expect(401);
    await t.http.get('/api/me').set({ Authorization: 'Bearer nonsense' }).expect(401);
    const { auth } = await residentLogin(t);
    await t.http.get('/api/staff/policies').set(auth).expect(403);
  });
});
