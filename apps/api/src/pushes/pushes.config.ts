import { registerAs } from '@nestjs/config';
import { isAbsolute, join } from 'node:path';
import { ConfigError, isDemoMode, type Env } from '../config/configuration';
import { repoRoot } from '../config/repo-root';
import { loadNotificationTemplates } from '../config/notification-templates';

function whole(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/**
 * Settings of pushes and the outbox, validated at boot:
 * OUTBOX_POLL_MS (5000; 0 = this instance does not dispatch on a timer), OUTBOX_BATCH (100),
 * OUTBOX_CONCURRENCY (8 sends at once per instance), OUTBOX_MAX_ATTEMPTS (5),
 * OUTBOX_RETRY_BASE_MS (30000, doubling up to an hour), OUTBOX_CLAIM_MS (60000: a claim older
 * than this is taken over), WECHAT_MINIPROGRAM_STATE (formal; developer in demo mode),
 * UPLOADS_DIR (data/uploads), NOTIFICATION_TEMPLATES_FILE (config/notification-templates.json).
 */
export function loadPushesConfig(env: Env = process.env) {
  const state = env.WECHAT_MINIPROGRAM_STATE ?? (isDemoMode(env) ? 'developer' : 'formal');
  if (!['formal', 'trial', 'developer'].includes(state)) throw new ConfigError('WECHAT_MINIPROGRAM_STATE must be formal, trial or developer');
  const uploads = env.UPLOADS_DIR ?? 'data/uploads';
  return {
    pollMs: whole(env, 'OUTBOX_POLL_MS', 5000),
    batch: Math.max(1, whole(env, 'OUTBOX_BATCH', 100)),
    concurrency: Math.max(1, whole(env, 'OUTBOX_CONCURRENCY', 8)),
    maxAttempts: Math.max(1, whole(env, 'OUTBOX_MAX_ATTEMPTS', 5)),
    retryBaseMs: whole(env, 'OUTBOX_RETRY_BASE_MS', 30_000),
    retryMaxMs: 3_600_000,
    claimMs: Math.max(1000, whole(env, 'OUTBOX_CLAIM_MS', 60_000)),
    miniprogramState: state as 'formal' | 'trial' | 'developer',
    uploadsDir: isAbsolute(uploads) ? uploads : join(repoRoot(), uploads),
    templates: loadNotificationTemplates(env),
  };
}

export const pushesConfig = registerAs('pushes', () => loadPushesConfig());
export type PushesConfig = ReturnType<typeof loadPushesConfig>;
