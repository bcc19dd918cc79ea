/**
 * What the dispatcher does with WeChat's answer to `subscribeMessage.send` (domain.md §8):
 * - `sent`: errcode 0;
 * - `noQuota`: 43101, the user has no subscription left: the ledger's count is spent, never retried;
 * - `refreshToken`: 40001 / 42001, the access token is invalid or expired: refresh once, send again;
 * - `invalid`: 47003 and other argument errors: a bug on our side, never retried;
 * - `retry`: -1 or no answer at all (network): try again later with back-off.
 */
export type SendOutcome = 'sent' | 'noQuota' | 'refreshToken' | 'invalid' | 'retry';

/**
 * The outcome of one send; `undefined` stands for a network failure (no answer).
 * @example sendOutcome(43101) // → 'noQuota'; sendOutcome(undefined) // → 'retry'
 */
export function sendOutcome(errcode: number | undefined): SendOutcome {
  if (errcode === undefined || errcode === -1) return 'retry';
  if (errcode === 0) return 'sent';
  if (errcode === 43101) return 'noQuota';
  if (errcode === 40001 || errcode === 42001) return 'refreshToken';
  return 'invalid';
}

/**
 * The wait before attempt `attempt + 1` after `attempt` transient failures: doubling from
 * `baseMs`, capped at `maxMs`.
 * @example retryDelayMs(1, 30_000, 3_600_000) // → 30000; retryDelayMs(3, 30_000, 3_600_000) // → 120000
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Where an outbox row stands; `pending` rows are due for sending at their `dueAt`. */
export const OUTBOX_STATUSES = ['pending', 'sent', 'noQuota', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
