import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults that run the desk on the embedded database', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: 'localhost',
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: './data',
      s3: undefined,
      origins: undefined,
      demo: true,
      trustProxy: false,
      logLevel: 'info',
      webhooksAllowPrivate: true,
      secretKey: undefined,
      previousSecretKeys: [],
      smtp: undefined,
      timeScale: 1,
      timerIntervalMs: 2000,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads PARLEY_PUBLIC_URL for links that leave the server, else http://HOST:PORT', () => {
    expect(loadConfig({ PARLEY_PUBLIC_URL: 'https://desk.example.com/' }).publicUrl).toBe(
      'https://desk.example.com',
    );
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://0.0.0.0:8080');
    for (const bad of [
      'desk.example.com',
      'ftp://desk.example.com',
      'https://desk.example.com/?a=1',
    ])
      expect(() => loadConfig({ PARLEY_PUBLIC_URL: bad })).toThrow(/PARLEY_PUBLIC_URL/);
  });

  it('reads PARLEY_TIME_SCALE (1–3600) and PARLEY_TIMER_INTERVAL_MS (100–60000) for fast timers', () => {
    expect(loadConfig({ PARLEY_TIME_SCALE: '60', PARLEY_TIMER_INTERVAL_MS: '250' })).toMatchObject({
      timeScale: 60,
      timerIntervalMs: 250,
    });
    for (const bad of ['0', '3601', '1.5', 'fast'])
      expect(() => loadConfig({ PARLEY_TIME_SCALE: bad })).toThrow(/PARLEY_TIME_SCALE/);
    for (const bad of ['99', '60001', 'often'])
      expect(() => loadConfig({ PARLEY_TIMER_INTERVAL_MS: bad })).toThrow(
        /PARLEY_TIMER_INTERVAL_MS/,
      );
  });

  it('reads SMTP_URL (smtp:// or smtps://) with SMTP_FROM, which has a default', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://desk:pa%40ss@mail.example.com:587' }).smtp).toEqual({
      url: 'smtp://desk:pa%40ss@mail.example.com:587',
      from: 'Parley <no-reply@localhost>',
    });
    expect(
      loadConfig({ SMTP_URL: 'smtps://mail.example.com', SMTP_FROM: 'Help <help@example.com>' })
        .smtp,
    ).toEqual({ url: 'smtps://mail.example.com', from: 'Help <help@example.com>' });
  });

  it('stops on a bad SMTP_URL or SMTP_FROM, naming it and never echoing the password', () => {
    for (const [name, env] of [
      ['SMTP_URL', { SMTP_URL: 'http://user:hunter2@mail.example.com' }],
      ['SMTP_URL', { SMTP_URL: 'smtp://' }],
      ['SMTP_URL', { SMTP_URL: 'mail.example.com:25' }],
      ['SMTP_FROM', { SMTP_URL: 'smtp://mail.example.com', SMTP_FROM: 'Parley' }],
    ] as const) {
      let message = '';
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        message = (err as Error).message;
      }
      expect(message, JSON.stringify(env)).toContain(name);
      expect(message).not.toContain('hunter2');
    }
  });

  it('keeps webhooks off private addresses in production unless PARLEY_WEBHOOKS_ALLOW_PRIVATE says so', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).webhooksAllowPrivate).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', PARLEY_WEBHOOKS_ALLOW_PRIVATE: '1' })
        .webhooksAllowPrivate,
    ).toBe(true);
    expect(loadConfig({ PARLEY_WEBHOOKS_ALLOW_PRIVATE: '0' }).webhooksAllowPrivate).toBe(false);
    expect(() => loadConfig({ PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow(
      /PARLEY_WEBHOOKS_ALLOW_PRIVATE/,
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/parley',
      REDIS_URL: 'redis://cache:6379',
      PARLEY_DATA_DIR: '/var/lib/parley',
      PARLEY_ORIGINS: 'https://desk.example.com, http://localhost:5173',
      PARLEY_DEMO: '0',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/parley',
      redisUrl: 'redis://cache:6379',
      dataDir: '/var/lib/parley',
      origins: ['https://desk.example.com', 'http://localhost:5173'],
      demo: false,
    });
  });

  it('stops with a message naming each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        PARLEY_ORIGINS: 'desk.example.com',
        PARLEY_DEMO: 'yes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'PARLEY_ORIGINS', 'PARLEY_DEMO'])
      expect(message).toContain(name);
  });

  it('reads PARLEY_SECRET_KEY as 32 bytes in base64 or hex, and refuses anything else', () => {
    const key = Buffer.alloc(32, 3);
    expect(loadConfig({ PARLEY_SECRET_KEY: key.toString('base64') }).secretKey).toEqual(key);
    expect(loadConfig({ PARLEY_SECRET_KEY: key.toString('base64url') }).secretKey).toEqual(key);
    expect(loadConfig({ PARLEY_SECRET_KEY: key.toString('hex') }).secretKey).toEqual(key);
    for (const bad of ['secret', Buffer.alloc(16).toString('base64'), 'z'.repeat(64)])
      expect(() => loadConfig({ PARLEY_SECRET_KEY: bad })).toThrow(/PARLEY_SECRET_KEY: must be/);
    expect(
      loadConfig({ PARLEY_SECRET_KEY_PREVIOUS: `${key.toString('hex')},${key.toString('base64')}` })
        .previousSecretKeys,
    ).toEqual([key, key]);
    expect(() => loadConfig({ PARLEY_SECRET_KEY_PREVIOUS: 'short' })).toThrow(
      /PARLEY_SECRET_KEY_PREVIOUS/,
    );
  });

  it('refuses an origin with a path', () => {
    expect(() => loadConfig({ PARLEY_ORIGINS: 'https://desk.example.com/app' })).toThrow(
      /PARLEY_ORIGINS/,
    );
  });

  it('reads PARLEY_TRUST_PROXY as a hop count or a list of proxy addresses', () => {
    expect(loadConfig({ PARLEY_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ PARLEY_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,fd00::/8, loopback' }).trustProxy,
    ).toEqual(['10.0.0.1', '10.1.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses a PARLEY_TRUST_PROXY that would trust every X-Forwarded-For, or is not an address', () => {
    for (const value of ['true', 'yes', '-1', '1.5', '10.0.0.0/33', 'proxy.example', '10.0.0.1,,'])
      expect(() => loadConfig({ PARLEY_TRUST_PROXY: value }), value).toThrow(/PARLEY_TRUST_PROXY/);
  });
});
