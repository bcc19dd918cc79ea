import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { loadEdgeConfig } from '../src/config/configuration';
import { residentLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const LIMITS = { RATE_LIMIT_LOGIN_MAX: '5', RATE_LIMIT_PUBLIC_MAX: '8', RATE_LIMIT_WINDOW_SECONDS: '86400' };
const PRODUCTION = {
  NODE_ENV: 'production',
  DEMO_SEED: '0',
  CORS_ORIGINS: 'https://h5.jiayi.example',
  BODY_LIMIT_BYTES: '20000',
  JWT_SECRET: 'edge-test-jwt-secret-0123456789abcdef',
  ID_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  ID_HMAC_KEY: 'edge-test-hmac',
  WECHAT_APP_SECRET: 'edge-test-wechat',
};

function withEnv<T>(values: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return run().finally(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
}

const VIEWPORT_SCRIPT = '!function(){document.documentElement.style.fontSize="20px"}()';

describe('edge protection: rate limits across instances, security headers, CORS, request size (MariaDB)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let production: NestFastifyApplication;
  const h5Dir = mkdtempSync(join(tmpdir(), 'jiayi-h5-'));

  beforeAll(async () => {
    writeFileSync(
      join(h5Dir, 'index.html'),
      `<html><head><script>${VIEWPORT_SCRIPT}</script><script defer src="/js/app.js"></script></head><body></body></html>`,
    );
    await withEnv(LIMITS, async () => {
      t = await createTestApp('mariadb');
      second = await t.startSecondInstance();
    });
    await withEnv({ ...PRODUCTION, DATABASE_URL: t.database.url, WECHAT_API_BASE: t.wechat.url, H5_DIR: h5Dir }, async () => {
      production = await createApp({ logLevels: ['error'] });
      await production.init();
      await production.getHttpAdapter().getInstance().ready();
    });
  });
  afterAll(async () => {
    await production?.close();
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('limits sign-ins per client address across two API instances, in Chinese, and counts another address apart', async () => {
    const servers = [t.http, request(second.getHttpServer())];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await servers[i % 2]
        .post('/api/auth/wechat-login')
        .set('X-Forwarded-For', '203.0.113.7')
        .send({ code: `dev:edge-${i}` });
      statuses.push(response.status);
      if (i === 5) {
        expect(response.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/^请求过于频繁，请.+后再试$/) });
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const staff = await servers[1]
      .post('/api/auth/staff-login')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ username: 'region.admin', password: 'jiayi-demo' });
    expect(staff.status).toBe(429);
    // The load balancer (loopback here: a trusted proxy) names another client: counted apart.
    await servers[0].post('/api/auth/wechat-login').set('X-Forwarded-For', '198.51.100.9').send({ code: 'dev:edge-other' }).expect(200);
    const [row] = await t.dataSource.query(`SELECT hits FROM rate_limit_hits WHERE bucketKey LIKE 'login:203.0.113.7@%'`);
    expect(Number(row.hits)).toBe(7);
  });

  it('limits requests without a token per address, but not signed-in calls', async () => {
    const { auth } = await residentLogin(t);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await t.http.get('/api/health').set('X-Forwarded-For', '192.0.2.44')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const forged = await t.http.get('/api/communities').set('X-Forwarded-For', '192.0.2.44').set('Authorization', 'Bearer forged');
    expect(forged.status).toBe(401);
    for (let i = 0; i < 10; i++) await t.http.get('/api/communities').set('X-Forwarded-For', '192.0.2.44').set(auth).expect(200);
  });

  it('sends security headers with a content security policy that allows the H5 build and nothing else', async () => {
    const response = await t.http.get('/api/health').expect(200);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob: https:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();

    // The H5 build's one inline script (Taro's viewport script) is allowed by its hash, nothing else inline.
    const h5 = await request(production.getHttpServer()).get('/api/health');
    const hash = createHash('sha256').update(VIEWPORT_SCRIPT, 'utf8').digest('base64');
    expect(h5.headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(h5.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('answers CORS only for the configured H5 origin outside demo mode (any origin in demo mode)', async () => {
    const http = request(production.getHttpServer());
    const preflight = (origin: string) =>
      http
        .options('/api/contracts')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
    const allowed = await preflight('https://h5.jiayi.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://h5.jiayi.example');
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await http.get('/api/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();

    const demo = await t.http.options('/api/contracts').set('Origin', 'http://localhost:10086').set('Access-Control-Request-Method', 'POST');
    expect(demo.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    expect(loadEdgeConfig({ NODE_ENV: 'production', CORS_ORIGINS: ' https://a.example , https://b.example ' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(loadEdgeConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
  });

  it('refuses bodies over the configured size with 413 in Chinese, before parsing, storing nothing', async () => {
    const { auth } = await residentLogin(t);
    const huge = { name: '张三', idNumber: 'x'.repeat(1_100_000) };
    const refused = await t.http.put('/api/me/profile').set(auth).send(huge);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ statusCode: 413, message: '请求内容过大' });

    const small = await request(production.getHttpServer())
      .post('/api/auth/staff-login')
      .send({ username: 'a'.repeat(25_000), password: 'x' });
    expect(small.status).toBe(413);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM persons');
    expect(Number(n)).toBe(0);
  });

  it('has strict limits outside demo mode and generous ones in demo mode and tests', () => {
    expect(loadEdgeConfig({ NODE_ENV: 'production' })).toMatchObject({ loginMax: 20, publicMax: 300, windowMs: 60_000, bodyLimit: 1_048_576 });
    expect(loadEdgeConfig({ NODE_ENV: 'test' })).toMatchObject({ loginMax: 1000, publicMax: 10_000, corsOrigins: true });
    expect(() => loadEdgeConfig({ RATE_LIMIT_LOGIN_MAX: 'many' })).toThrow('RATE_LIMIT_LOGIN_MAX');
  });
});
