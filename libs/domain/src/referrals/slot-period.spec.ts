import { datesOnWeekdays, isSlotPast, slotLabel } from './slot-period';

describe('slot periods', () => {
  it('treats earlier days as past and later days as open', () => {
    const now = new Date('2026-12-01T02:00:00Z'); // 10:00 in China
    expect(isSlotPast('2026-11-30', 'pm', now)).toBe(true);
    expect(isSlotPast('2026-12-02', 'am', now)).toBe(false);
  });

  it('closes today’s morning at noon and afternoon at 17:30, China time', () => {
    expect(isSlotPast('2026-12-01', 'am', new Date('2026-12-01T03:59:00Z'))).toBe(false);
    expect(isSlotPast('2026-12-01', 'am', new Date('2026-12-01T04:00:00Z'))).toBe(true);
    expect(isSlotPast('2026-12-01', 'pm', new Date('2026-12-01T09:29:00Z'))).toBe(false);
    expect(isSlotPast('2026-12-01', 'pm', new Date('2026-12-01T09:30:00Z'))).toBe(true);
  });

  it('uses the China date across UTC midnight', () => {
    expect(isSlotPast('2026-12-01', 'pm', new Date('2026-11-30T17:00:00Z'))).toBe(false); // 01:00 on Dec 1st in China
  });

  it('applies a week template to a range', () => {
    expect(datesOnWeekdays('2026-12-07', '2026-12-20', [1, 3, 5])).toEqual([
      '2026-12-07',
      '2026-12-09',
      '2026-12-11',
      '2026-12-14',
      '2026-12-16',
      '2026-12-18',
    ]);
    expect(datesOnWeekdays('2026-12-08', '2026-12-07', [1])).toEqual([]);
  });

  it('labels a slot the way a resident reads it', () => {
    expect(slotLabel('2026-12-07', 'pm')).toBe('12月7日 下午');
  });
});
