import { ConfigError, loadAppConfig, loadAuthConfig, loadReferralsConfig, loadWechatConfig, parseDatabaseUrl } from './configuration';

describe('configuration', () => {
  it('defaults to an embedded SQLite file under data/ of the repository', () => {
    const settings = parseDatabaseUrl(undefined, '/repo');
    expect(settings).toEqual({ type: 'better-sqlite3', url: 'sqlite:data/jiayi.sqlite', database: '/repo/data/jiayi.sqlite' });
  });

  it('reads a MySQL URL with its credentials', () => {
    expect(parseDatabaseUrl('mysql://jiayi:p%40ss@db.local:3307/jiayi_prod')).toEqual({
      type: 'mariadb',
      url: 'mysql://jiayi:p%40ss@db.local:3307/jiayi_prod',
      host: 'db.local',
      port: 3307,
      username: 'jiayi',
      password: 'p@ss',
      database: 'jiayi_prod',
    });
  });

  it('refuses URLs it cannot use, naming the variable', () => {
    expect(() => parseDatabaseUrl('postgres://x@y/z')).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl('mysql://x@y:3306/')).toThrow(ConfigError);
  });

  it('refuses to start without secrets outside demo mode, and accepts demo values in demo mode', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/must be set outside demo mode/);
    expect(() => loadWechatConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_API_BASE/);
    expect(loadAuthConfig({ DEMO_SEED: '1' }).idEncryptionKey).toHaveLength(32);
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'x', ID_ENCRYPTION_KEY: 'c2hvcnQ=', ID_HMAC_KEY: 'h' })).toThrow(/32 bytes/);
  });

  it('validates numbers', () => {
    expect(() => loadAppConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(loadAppConfig({ PORT: '8080', DEMO_SEED: '1' })).toMatchObject({ port: 8080, demoMode: true, seedDemoData: true });
  });

  it('reads the referral timings with their defaults and bounds', () => {
    expect(loadReferralsConfig({})).toEqual({ holdHours: 24, noShowGraceDays: 3, sweepSeconds: 300 });
    expect(loadReferralsConfig({ REFERRAL_HOLD_HOURS: '48', REFERRAL_NO_SHOW_GRACE_DAYS: '0', REFERRAL_SWEEP_SECONDS: '2' })).toEqual({
      holdHours: 48,
      noShowGraceDays: 0,
      sweepSeconds: 2,
    });
    expect(() => loadReferralsConfig({ REFERRAL_SWEEP_SECONDS: '0' })).toThrow(/REFERRAL_SWEEP_SECONDS/);
    expect(() => loadReferralsConfig({ REFERRAL_HOLD_HOURS: '0' })).toThrow(/REFERRAL_HOLD_HOURS/);
    expect(() => loadReferralsConfig({ REFERRAL_NO_SHOW_GRACE_DAYS: 'soon' })).toThrow(/REFERRAL_NO_SHOW_GRACE_DAYS/);
  });
});
