import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { randomChunk } from './random-pool';

/**
 * Encryption at rest for sensitive personal information (ID numbers, phones, health tags):
 * AES-256-GCM with a random 96-bit IV per value, stored as `v1:<base64(iv | tag | ciphertext)>`.
 * `lookupHash` is a keyed HMAC-SHA256 so a number can be found without being stored in clear.
 */
export class PiiCipher {
  constructor(
    private readonly key: Buffer,
    private readonly hmacKey: string,
  ) {
    if (key.length !== 32) throw new Error('PiiCipher needs a 32-byte key');
  }

  encrypt(plain: string): string {
    const iv = randomChunk(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('unknown cipher format');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson<T>(stored: string): T {
    return JSON.parse(this.decrypt(stored)) as T;
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.hmacKey).update(value).digest('hex');
  }
}
