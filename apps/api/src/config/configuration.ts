import { registerAs } from '@nestjs/config';
import { isAbsolute, join } from 'node:path';
import { repoRoot } from './repo-root';

/**
 * Configuration, namespaced and validated at boot. Secrets come from the environment; the demo
 * values below are accepted only in demo mode (DEMO_SEED=1 or NODE_ENV=development/test), and
 * boot fails outside demo mode when a secret is missing.
 */
export type Env = Record<string, string | undefined>;

export type DatabaseSettings =
  | { type: 'mariadb'; url: string; host: string; port: number; username: string; password: string; database: string }
  | { type: 'better-sqlite3'; url: string; database: string };

const DEMO_SECRETS = {
  JWT_SECRET: 'demo-jwt-secret-not-for-production-0123456789',
  ID_ENCRYPTION_KEY: 'ZGVtby1pZC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE=', // 32 bytes, base64
  ID_HMAC_KEY: 'demo-hmac-key-not-for-production',
  WECHAT_APP_SECRET: 'demo-wechat-secret',
};

export class ConfigError extends Error {}

export function isDemoMode(env: Env): boolean {
  return env.DEMO_SEED === '1' || env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
}

export function parseDatabaseUrl(raw: string | undefined, root = repoRoot()): DatabaseSettings {
  const url = raw && raw.trim() !== '' ? raw.trim() : 'sqlite:data/jiayi.sqlite';
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:data/jiayi.sqlite');
    return { type: 'better-sqlite3', url, database: file === ':memory:' || isAbsolute(file) ? file : join(root, file) };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!database) throw new ConfigError('DATABASE_URL: the MySQL URL needs a database name, e.g. mysql://user:pass@host:3306/jiayi');
    return {
      type: 'mariadb',
      url,
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : 3306,
      username: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new ConfigError('DATABASE_URL must start with mysql:// or sqlite:');
}

function secret(env: Env, name: keyof typeof DEMO_SECRETS): string {
  const value = env[name];
  if (value && value.length > 0) return value;
  if (isDemoMode(env)) return DEMO_SECRETS[name];
  throw new ConfigError(`${name} must be set outside demo mode`);
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadAppConfig(env: Env = process.env) {
  return {
    port: positiveInt(env, 'PORT', 3000),
    demoMode: isDemoMode(env),
    seedDemoData: env.DEMO_SEED === '1',
    h5Dir: env.H5_DIR ?? join(repoRoot(), 'apps/miniprogram/dist/h5'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

export function loadAuthConfig(env: Env = process.env) {
  const idKey = Buffer.from(secret(env, 'ID_ENCRYPTION_KEY'), 'base64');
  if (idKey.length !== 32) throw new ConfigError('ID_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return {
    jwtSecret: secret(env, 'JWT_SECRET'),
    accessTokenTtlSeconds: positiveInt(env, 'ACCESS_TOKEN_TTL_SECONDS', 2 * 60 * 60),
    idEncryptionKey: idKey,
    idHmacKey: secret(env, 'ID_HMAC_KEY'),
    maxFailedLogins: positiveInt(env, 'STAFF_MAX_FAILED_LOGINS', 5),
    lockoutMinutes: positiveInt(env, 'STAFF_LOCKOUT_MINUTES', 15),
  };
}

export function loadWechatConfig(env: Env = process.env) {
  const apiBase = env.WECHAT_API_BASE ?? (isDemoMode(env) ? 'http://127.0.0.1:3100' : undefined);
  if (!apiBase) throw new ConfigError('WECHAT_API_BASE must be set outside demo mode');
  return {
    apiBase: apiBase.replace(/\/$/, ''),
    appId: env.WECHAT_APP_ID ?? 'wx-demo-jiayi',
    appSecret: secret(env, 'WECHAT_APP_SECRET'),
  };
}

/**
 * Referral timing: how long a hold waits for the family doctor, how long after the day a booking
 * without an outcome becomes a no-show, how often the job that applies both runs.
 */
export function loadReferralsConfig(env: Env = process.env) {
  const holdHours = positiveInt(env, 'REFERRAL_HOLD_HOURS', 24);
  if (holdHours < 1 || holdHours > 24 * 14) throw new ConfigError('REFERRAL_HOLD_HOURS must be between 1 and 336');
  const noShowGraceDays = positiveInt(env, 'REFERRAL_NO_SHOW_GRACE_DAYS', 3);
  if (noShowGraceDays > 60) throw new ConfigError('REFERRAL_NO_SHOW_GRACE_DAYS must be at most 60');
  const sweepSeconds = positiveInt(env, 'REFERRAL_SWEEP_SECONDS', 300);
  if (sweepSeconds < 1) throw new ConfigError('REFERRAL_SWEEP_SECONDS must be at least 1');
  return { holdHours, noShowGraceDays, sweepSeconds };
}

export const appConfig = registerAs('app', () => loadAppConfig());
export const authConfig = registerAs('auth', () => loadAuthConfig());
export const wechatConfig = registerAs('wechat', () => loadWechatConfig());
export const referralsConfig = registerAs('referrals', () => loadReferralsConfig());
export const databaseConfig = registerAs('database', () => parseDatabaseUrl(process.env.DATABASE_URL));

export type AppConfig = ReturnType<typeof loadAppConfig>;
export type AuthConfig = ReturnType<typeof loadAuthConfig>;
export type WechatConfig = ReturnType<typeof loadWechatConfig>;

/**
 * Limits at the edge of the API. Demo mode (which the tests run in) gets limits no demo or test
 * reaches; outside it they are strict. Counted per client address and window, in the database,
 * so that they hold across API instances.
 */
export function loadEdgeConfig(env: Env = process.env) {
  const demo = isDemoMode(env);
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    /** Sign-ins (resident and staff) per client address and window. */
    loginMax: positiveInt(env, 'RATE_LIMIT_LOGIN_MAX', demo ? 1000 : 20),
    /** Requests without a bearer token (health, docs, logins, forged calls) per client address and window. */
    publicMax: positiveInt(env, 'RATE_LIMIT_PUBLIC_MAX', demo ? 10_000 : 300),
    windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60) * 1000,
    /** Largest request body in bytes (JSON only). */
    bodyLimit: positiveInt(env, 'BODY_LIMIT_BYTES', 1_048_576),
    /** Origins allowed by CORS: any in demo mode, else only the listed ones (the H5 site). */
    corsOrigins: demo ? (true as const) : origins,
    /** Which proxies' X-Forwarded-For is believed (proxy-addr names or addresses): the load balancer's network. */
    trustProxy: env.TRUST_PROXY ?? 'loopback,linklocal,uniquelocal',
  };
}

export type EdgeConfig = ReturnType<typeof loadEdgeConfig>;
export type ReferralsConfig = ReturnType<typeof loadReferralsConfig>;
