import { idNumberFor, residentLogin, residentWithProfile, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('platform: health, docs, errors, logs, staff sign-in (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
  });
  afterAll(async () => t?.close());

  it('reports the database in /api/health', async () => {
    const response = await t.http.get('/api/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up', type: 'mariadb' } });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const json = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/quotes', '/api/auth/wechat-login', '/api/me/profile']));
    const page = await t.http.get('/api/docs').redirects(1);
    expect(page.status).toBe(200);
  });

  it('answers bad JSON, unknown routes and wrong types with 4xx in the api.md shape', async () => {
    const bad = await t.http.post('/api/auth/staff-login').set('content-type', 'application/json').send('{bad').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: '请求内容不是有效的 JSON' });
    const missing = await t.http.get('/api/nope').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, message: expect.any(String), details: [] });
    const wrongType = await t.http.post('/api/auth/staff-login').send({ username: 5, password: [] }).expect(400);
    expect(wrongType.body.details.map((d: { field: string }) => d.field)).toEqual(['username', 'password']);
    const empty = await t.http.post('/api/auth/wechat-login').expect(400);
    expect(empty.body.statusCode).toBe(400);
    const badUrl = await t.http.get('/api/contracts/%E0%A4%A').expect(400);
    expect(badUrl.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('locks a staff account after repeated failures and refuses demo accounts outside demo mode', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await t.http.post('/api/auth/staff-login').send({ username: 'clinic2.admin', password: 'wrong' }).expect(401);
      expect(wrong.body.message).toBe('用户名或密码错误');
    }
    const locked = await t.http.post('/api/auth/staff-login').send({ username: 'clinic2.admin', password: 'jiayi-demo' }).expect(429);
    expect(locked.body.message).toContain('锁定');
    const unknown = await t.http.post('/api/auth/staff-login').send({ username: 'nobody', password: 'x' }).expect(401);
    expect(unknown.body.message).toBe('用户名或密码错误');

    const previous = process.env.NODE_ENV;
    const app = await (async () => {
      process.env.NODE_ENV = 'production';
      Object.assign(process.env, {
        JWT_SECRET: 'x'.repeat(40),
        ID_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        ID_HMAC_KEY: 'h',
        WECHAT_APP_SECRET: 's',
      });
      return t.startSecondInstance();
    })();
    process.env.NODE_ENV = previous;
    const request = (await import('supertest')).default;
    const refused = await request(app.getHttpServer()).post('/api/auth/staff-login').send({ username: 'clinic1.doctor1', password: 'jiayi-demo' }).expect(401);
    expect(refused.body.message).toContain('演示账号');
  });

  it('issues staff tokens carrying role and scope', async () => {
    const response = await t.http.post('/api/auth/staff-login').send({ username: 'clinic1.doctor1', password: 'jiayi-demo' }).expect(200);
    expect(response.body.user).toMatchObject({ role: 'doctor', name: '王建国', institutionId: t.demo.institutions.clinic1.id });
    const claims = JSON.parse(Buffer.from(response.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ role: 'doctor', institutionId: t.demo.institutions.clinic1.id, teamId: expect.any(String) });
    expect(response.body.expiresIn).toBeGreaterThan(0);
  });

  it('lets the region admin read and change the region policy, validated', async () => {
    const admin = await staffLogin(t, 'region.admin');
    const policy = (await t.http.get('/api/staff/policies').set(admin).expect(200)).body;
    expect(policy).toMatchObject({ doctorCapacity: 2000, maxPersonalisedPackages: 1, renewalWindowDays: 30 });
    const bad = await t.http
      .put('/api/staff/policies')
      .set(admin)
      .send({ ...policy, doctorCapacity: -1 })
      .expect(400);
    expect(bad.body.details[0].field).toBe('doctorCapacity');
    const doctor = await staffLogin(t, 'clinic1.doctor1');
    await t.http.put('/api/staff/policies').set(doctor).send(policy).expect(403);
  });

  it('refuses a customised hypertension package whose insurance share exceeds the reference 59 yuan', async () => {
    const admin = await staffLogin(t, 'region.admin');
    const pkg = {
      code: 'hypertensionPlus',
      name: '高血压患者个性包（加强版）',
      kind: 'personalised',
      targetTags: ['hypertension'],
      description: '加强随访',
      includes: ['basicPublicHealth'],
      referenceCode: 'hypertension',
      items: [{ name: '家庭巡诊', unitPrice: 7000, count: 1, insurance: 6000, publicHealth: 0, selfPay: 1000 }],
    };
    const refused = await t.http.post('/api/staff/packages').set(admin).send(pkg).expect(409);
    expect(refused.body.code).toBe('PACKAGE.INSURANCE_CAP_EXCEEDED');
    const fine = await t.http
      .post('/api/staff/packages')
      .set(admin)
      .send({ ...pkg, items: [{ ...pkg.items[0], insurance: 5900, selfPay: 1100 }] })
      .expect(201);
    expect(fine.body.totals.insurance).toBe(5900);
  });

  it('never writes an ID number, phone number or token into the logs', async () => {
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => {
        stream.write = original;
      };
    };
    const restoreOut = capture(process.stdout);
    const restoreErr = capture(process.stderr);
    const { Logger } = await import('@nestjs/common');
    const { JsonLogger } = await import('../src/common/json-logger');
    Logger.overrideLogger(new JsonLogger(['log', 'error', 'warn']));
    const idNumber = idNumberFor('1961-07-07');
    let token: string | undefined;
    try {
      const r = await residentWithProfile(t, { idNumber, phone: '13912345678' });
      token = r.token;
      await t.http.get(`/api/packages?personId=${r.person.id}&idNumber=${idNumber}`).set(r.auth);
      await t.http
        .put('/api/me/profile')
        .set(r.auth)
        .send({ idNumber: idNumber.slice(0, 17) + 'Z', phone: '13912345678' });
      new Logger('Probe').log(`resident ${idNumber} phone 13912345678 token Bearer ${token}`);
    } finally {
      restoreOut();
      restoreErr();
      Logger.overrideLogger(new JsonLogger(['error']));
    }
    const log = written.join('');
    expect(log).toContain('PUT /api/me/profile');
    expect(log).toContain('[id-number]');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain('13912345678');
    expect(token).toBeDefined();
    expect(log).not.toContain(token as string);
  });

  it('replays a creating POST sent again with the same Idempotency-Key', async () => {
    const parent = await residentWithProfile(t);
    const body = { name: '老伴', idNumber: idNumberFor('1955-05-05'), relation: 'spouse', declaredTags: ['hypertension'] };
    const first = await t.http.post('/api/me/family-members').set(parent.auth).set('Idempotency-Key', 'k-1').send(body).expect(201);
    const again = await t.http.post('/api/me/family-members').set(parent.auth).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await t.http.get('/api/me/family-members').set(parent.auth)).body).toHaveLength(1);
    const other = await residentLogin(t);
    expect(other.token).not.toBe(parent.token);
  });
});
