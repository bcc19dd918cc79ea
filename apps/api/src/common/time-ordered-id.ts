import { randomChunk } from './random-pool';

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids made later
 * sort later, so a table keyed by them takes each new row at the end of its clustered index instead
 * of splitting a page somewhere in the middle, as a random (version 4) UUID does: used for the rows
 * written on a hot path (survey responses, BENCHMARKS.md §5). It reveals the creation time, so only
 * for rows that show it anyway.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const bytes = randomChunk(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
