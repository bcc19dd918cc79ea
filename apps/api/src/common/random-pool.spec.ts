import { randomChunk } from './random-pool';

describe('randomChunk', () => {
  it('gives fresh bytes of the size asked, never the same chunk twice, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const chunk = randomChunk(12);
      expect(chunk).toHaveLength(12);
      seen.add(chunk.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('hands out copies: changing one does not change the next', () => {
    const first = randomChunk(16);
    first.fill(0);
    expect(randomChunk(16).equals(Buffer.alloc(16))).toBe(false);
  });

  it('refuses more than 64 bytes at once', () => {
    expect(() => randomChunk(65)).toThrow(RangeError);
  });
});
