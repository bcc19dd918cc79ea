import { retryDelayMs, sendOutcome } from './outbox-outcome';

describe('sendOutcome', () => {
  it.each([
    [0, 'sent'],
    [43101, 'noQuota'],
    [40001, 'refreshToken'],
    [42001, 'refreshToken'],
    [47003, 'invalid'],
    [-1, 'retry'],
    [undefined, 'retry'],
  ])('errcode %p → %s', (errcode, outcome) => {
    expect(sendOutcome(errcode)).toBe(outcome);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
