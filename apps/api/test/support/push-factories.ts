import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PushesService } from '../../src/pushes/pushes.service';
import type { TestApp } from './test-app';

/** Outbox settings for tests: no timer (tests dispatch explicitly), small batches (instances interleave), retries due at once, three attempts, uploads in a temp dir. */
export function usePushTestSettings(): void {
  Object.assign(process.env, {
    OUTBOX_POLL_MS: '0',
    OUTBOX_BATCH: '5',
    OUTBOX_RETRY_BASE_MS: '0',
    OUTBOX_MAX_ATTEMPTS: '3',
    UPLOADS_DIR: mkdtempSync(join(tmpdir(), 'jiayi-uploads-')),
  });
}

export const PUSH_TEMPLATE = 'demo-push-health-info';
export const CONTRACT_TEMPLATE = 'demo-contract-progress';

/** A push body with defaults; `audience` and the rest overridable. */
export function pushBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '冬季高血压患者用药与血压监测提醒',
    summary: '天冷血压易波动，请按时服药、早晚测量。',
    body: '<h2>冬季控压</h2><p><strong>按时服药</strong>，不要自行停药。</p><ul><li>少盐</li><li>早晚各测一次血压</li></ul>',
    category: 'chronicDisease',
    audience: {},
    ...overrides,
  };
}

/** The account accepts `count` one-time messages of a template (what wx.requestSubscribeMessage answered). */
export async function subscribe(t: TestApp, auth: Record<string, string>, templateId = PUSH_TEMPLATE, count = 1) {
  for (let i = 0; i < count; i++) {
    await t.http
      .post('/api/subscriptions')
      .set(auth)
      .send({ results: [{ templateId, status: 'accept' }] })
      .expect(200);
  }
}

type PushView = { id: string; status: string; targeted: number };

/**
 * Publishes as `staff` and, when the push is due now, runs the release job's work once (as the
 * job would within OUTBOX_POLL_MS; tests run with the timer off), then returns the push as staff
 * see it — `published` with its targets counted. `{ release: false }` returns the answer as is.
 */
export async function publish(t: TestApp, staff: Record<string, string>, overrides: Record<string, unknown> = {}, options: { release?: boolean } = {}) {
  const response = await t.http.post('/api/staff/pushes').set(staff).send(pushBody(overrides));
  if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
  const push = response.body as PushView;
  if (push.status !== 'releasing' || options.release === false) return push;
  await releasePushes(t);
  return staffPush(t, staff, push.id);
}

/** Runs the release job's work once in the test's API instance: every due push gets its audience written. */
export async function releasePushes(t: TestApp): Promise<number> {
  return t.app.get(PushesService).releaseDue();
}

/** One push as `staff` see it in their list. */
export async function staffPush(t: TestApp, staff: Record<string, string>, id: string): Promise<PushView> {
  const list = (await t.http.get('/api/staff/pushes').set(staff).expect(200)).body as PushView[];
  const push = list.find((p) => p.id === id);
  if (!push) throw new Error(`push ${id} not in the staff list`);
  return push;
}

export async function feedIds(t: TestApp, auth: Record<string, string>): Promise<string[]> {
  const response = await t.http.get('/api/feed').set(auth).expect(200);
  return response.body.map((item: { id: string }) => item.id);
}
