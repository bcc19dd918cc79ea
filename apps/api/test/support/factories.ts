import { makeIdNumber } from '@jiayi/domain';
import type { TestApp } from './test-app';

let sequence = 0;
const next = () => ++sequence;

/** Signs in a new resident through the WeChat stand-in; returns the bearer header. */
export async function residentLogin(t: TestApp, openid = `resident${process.pid}x${next()}`): Promise<{ token: string; auth: Record<string, string> }> {
  const response = await t.http
    .post('/api/auth/wechat-login')
    .send({ code: `dev:${openid}` })
    .expect(200);
  const token = response.body.accessToken as string;
  return { token, auth: { Authorization: `Bearer ${token}` } };
}

export async function staffLogin(t: TestApp, username: string): Promise<Record<string, string>> {
  const response = await t.http.post('/api/auth/staff-login').send({ username, password: 'jiayi-demo' }).expect(200);
  return { Authorization: `Bearer ${response.body.accessToken}` };
}

/** A unique, valid ID number for someone born on `birthDate`. */
export function idNumberFor(birthDate: string, gender: 'male' | 'female' = 'female'): string {
  return makeIdNumber(birthDate, gender, next() % 999 || 1);
}

export async function communityNamed(t: TestApp, auth: Record<string, string>, name: string): Promise<string> {
  const response = await t.http.get('/api/communities').set(auth).expect(200);
  const community = response.body.find((c: { name: string }) => c.name === name);
  if (!community) throw new Error(`no community ${name}`);
  return community.id;
}

export interface ProfileOverrides {
  name?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
  idNumber?: string;
  phone?: string;
  community?: string;
  declaredTags?: string[];
}

/** A resident with a completed profile (self person), defaults overridable. */
export async function residentWithProfile(t: TestApp, overrides: ProfileOverrides = {}) {
  const login = await residentLogin(t);
  const communityId = await communityNamed(t, login.auth, overrides.community ?? '东关村');
  const idNumber = overrides.idNumber ?? idNumberFor(overrides.birthDate ?? '1980-05-01', overrides.gender);
  const response = await t.http
    .put('/api/me/profile')
    .set(login.auth)
    .send({
      name: overrides.name ?? '测试居民',
      idNumber,
      phone: overrides.phone ?? '13800138000',
      communityId,
      declaredTags: overrides.declaredTags ?? [],
      privacyPolicyVersion: '2026-11',
      sensitiveConsent: true,
    })
    .expect(200);
  return { ...login, person: response.body, idNumber, communityId };
}
