import { ok, refuse, Refusal, Result } from '../result';

/**
 * Whether a wave takes answers at `now`: from its opening time (inclusive) to its closing time
 * (exclusive).
 * @example checkWaveOpen({ opensAt: new Date('2026-12-01'), closesAt: new Date('2026-12-31') }, new Date('2027-01-02'))
 *   // → { ok: false, code: 'SURVEY.CLOSED', … }
 */
export function checkWaveOpen(wave: { opensAt: Date; closesAt: Date }, now: Date): Result<true> {
  if (now < wave.opensAt) return refuse('SURVEY.NOT_OPEN', '本次调查还没有开始');
  if (now >= wave.closesAt) return refuse('SURVEY.CLOSED', '本次调查已经结束');
  return ok(true);
}

/** One answer per resident and wave: the refusal when a second one arrives (the database's unique key decides). */
export function alreadyAnswered(): Refusal {
  return refuse('SURVEY.ALREADY_ANSWERED', '您已经填写过本次调查，感谢参与');
}
