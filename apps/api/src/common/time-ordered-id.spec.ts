import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a UUID of version 7 and RFC 9562 variant carrying the time in its first 48 bits', () => {
    const at = Date.UTC(2026, 11, 2, 3, 30);
    const id = timeOrderedId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts later ids after earlier ones, as text (how the database compares them)', () => {
    const ids = [0, 1, 2, 1000, 86_400_000].map((ms) => timeOrderedId(Date.UTC(2026, 0, 1) + ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat within one millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(at)));
    expect(ids.size).toBe(10_000);
  });
});
