// The one place the browser tests sign people in: through the API (a token for arranging data) and
// in the browser (the H5 demo login of residents, the staff login). Every e2e file uses these.
import type { Page } from 'playwright-core';
import { fill } from './browser';
import { open, tap, visible } from './ui';

/** The demo staff accounts' password (README "Demo accounts"). */
export const DEMO_PASSWORD = 'jiayi-demo';

export type ApiCall = <T>(token: string | null, method: string, path: string, body?: unknown) => Promise<T>;

/**
 * Calls to the running stack's API, for arranging what a test needs; `baseUrl` is read at each
 * call (the stack starts in `beforeAll`). A refusal throws with the status and the body.
 */
export function apiOf(baseUrl: () => string) {
  const call: ApiCall = async <T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /api${path} ${body === undefined ? '' : JSON.stringify(body)} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  /** A resident's token by the WeChat stand-in's demo code `dev:<openid>` (the same person as the browser's demo login). */
  const residentToken = async (openid: string) =>
    (await call<{ accessToken: string }>(null, 'POST', '/auth/wechat-login', { code: `dev:${openid}` })).accessToken;
  /** A demo staff account's token. */
  const staffToken = async (username: string) =>
    (await call<{ accessToken: string }>(null, 'POST', '/auth/staff-login', { username, password: DEMO_PASSWORD })).accessToken;
  return { call, residentToken, staffToken };
}

/**
 * Signs a resident in through the app's demo login (`dev:<openid>` at the WeChat stand-in) and
 * waits until the app has left the login page. `beforeSubmit` runs with the form filled in (a
 * screenshot of the login page).
 */
export async function signInResident(page: Page, baseUrl: string, openid: string, beforeSubmit?: () => Promise<unknown>): Promise<void> {
  await open(page, baseUrl, '/account/login/index');
  await fill(page, 'login-openid', openid);
  if (beforeSubmit) await beforeSubmit();
  await tap(page, 'login-submit');
  await page.waitForFunction(() => !location.hash.includes('/account/login'));
  // The app reLaunches to its next page (account/next-step.ts); when that is home, let it render before
  // the test opens another page, or the reLaunch lands after it (seen once: 我的 hidden behind home).
  if (page.url().includes('/pages/index/index')) await visible(page, 'home').waitFor();
}

/** Signs a demo staff account in on the staff login page and waits for the workspace. */
export async function signInStaff(page: Page, baseUrl: string, username: string): Promise<void> {
  await open(page, baseUrl, '/staff/login/index');
  await page.getByTestId('staff-username').locator('input').fill(username);
  await page.getByTestId('staff-password').locator('input').fill(DEMO_PASSWORD);
  await tap(page, 'staff-login');
  await page.getByTestId('staff-home').waitFor();
}
