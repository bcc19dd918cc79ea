import type { ValueTransformer } from 'typeorm';
import { loadAuthConfig } from '../config/configuration';
import { PiiCipher } from './pii-cipher';

let current: { keys: string; cipher: PiiCipher } | null = null;

/**
 * The PiiCipher of encrypted columns and of migrations that convert rows: built from the same
 * environment as the injected one (an entity transformer and a migration have no DI), and rebuilt
 * when the keys in the environment change.
 */
export function columnCipher(env: Record<string, string | undefined> = process.env): PiiCipher {
  const keys = [env.ID_ENCRYPTION_KEY, env.ID_HMAC_KEY, env.DEMO_SEED, env.NODE_ENV].join('\n');
  if (current?.keys !== keys) {
    const config = loadAuthConfig(env);
    current = { keys, cipher: new PiiCipher(config.idEncryptionKey, config.idHmacKey) };
  }
  return current.cipher;
}

/** Column transformer: a JSON value in the entity, `v1:…` ciphertext in the database. */
export const encryptedJson: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? value : columnCipher().encryptJson(value)),
  from: (stored: string | null) => (stored === null || stored === undefined ? stored : columnCipher().decryptJson(stored)),
};
