import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Publishes as `staff` and returns the push. */
export async function publish(t: TestApp, staff: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const response = await t.http.post('/api/staff/pushes').set(staff).send(pushBody(overrides));
  if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; status: string; targeted: number };
}

export async function feedIds(t: TestApp, auth: Record<string, string>): Promise<string[]> {
  const response = await t.http.get('/api/feed').set(auth).expect(200);
  return response.body.map((item: { id: string }) => item.id);
}
