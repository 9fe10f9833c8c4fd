import { isIP } from 'node:net';
import { z } from 'zod';
import { parseS3Url, type S3Location } from './features/files/index.ts';

/** The environment, parsed and validated once. A bad value stops start-up naming the variable. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
  PARLEY_S3_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const parsed = parseS3Url(v);
      if ('problem' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      }
      return parsed;
    }),
  PARLEY_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const origins = v.split(',').map((s) => s.trim());
      for (const origin of origins) {
        let parsed: URL | undefined;
        try {
          parsed = new URL(origin);
        } catch {
          parsed = undefined;
        }
        if (!parsed || parsed.origin !== origin) {
          ctx.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin like https://desk.example.com`,
          });
          return z.NEVER;
        }
      }
      return origins;
    }),
  PARLEY_DEMO: z.enum(['0', '1']).default('1'),
  PARLEY_PUBLIC_URL: z
    .string()
    .optional()
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          const url = new URL(v);
          return (
            (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash
          );
        } catch {
          return false;
        }
      },
      { message: 'must be an http(s) URL like https://desk.example.com, without query or hash' },
    ),
  PARLEY_TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v, ctx) => {
      const trust = parseTrustProxy(v);
      if (trust === undefined) {
        ctx.addIssue({
          code: 'custom',
          message:
            `"${v}" is neither a hop count (0, 1, 2, …) nor a list of proxy addresses or ` +
            'networks such as 10.0.0.1,10.1.0.0/16',
        });
        return z.NEVER;
      }
      return trust;
    }),
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || isSmtpUrl(v), {
      message:
        'must be an smtp:// or smtps:// URL with a host, like smtp://user:pass@mail.example.com:587',
    }),
  SMTP_FROM: z
    .string()
    .regex(
      /^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/,
      'must be an address, like Parley <desk@example.com>',
    )
    .default('Parley <no-reply@localhost>'),
  PARLEY_WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1']).optional(),
  NODE_ENV: z.string().optional(),
  PARLEY_SECRET_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const key = parseSecretKey(v);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: SECRET_KEY_FORMAT });
        return z.NEVER;
      }
      return key;
    }),
  PARLEY_SECRET_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return [];
      const keys = v.split(',').map((s) => parseSecretKey(s));
      if (keys.some((key) => key === undefined)) {
        ctx.addIssue({ code: 'custom', message: `each comma-separated key ${SECRET_KEY_FORMAT}` });
        return z.NEVER;
      }
      return keys as Buffer[];
    }),
  PARLEY_TIME_SCALE: z.coerce.number().int().min(1).max(3600).default(1),
  PARLEY_TIMER_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const SECRET_KEY_FORMAT =
  'must be 32 bytes written as base64 (44 characters) or hex (64 characters), ' +
  'e.g. from `openssl rand -base64 32`';

/** A 32-byte key written as hex or base64 (standard or URL-safe), or undefined. */
export function parseSecretKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return undefined;
  const key = Buffer.from(text.replace(/=$/, ''), 'base64url');
  return key.length === 32 ? key : undefined;
}

export type TrustProxy = false | number | string[];

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The names proxy-addr (fastify's trustProxy) knows for private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrNetwork(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A hop count (0 trusts nobody) or a comma-separated list of proxy addresses and networks. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(',').map((s) => s.trim());
  return entries.every(isAddressOrNetwork) ? entries : undefined;
}

export type Config = {
  port: number;
  /**
   * The address to listen on. Unset HOST means "localhost": every loopback address, so the desk
   * answers whether "localhost" resolves to 127.0.0.1 or ::1, and still only to this machine.
   */
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  /**
   * The S3-compatible bucket files live in (PARLEY_S3_URL), for several nodes; undefined keeps
   * them in PARLEY_DATA_DIR/files.
   */
  s3: S3Location | undefined;
  /** Allowed browser origins; undefined means "the server's own" (the request's Host). */
  origins: string[] | undefined;
  demo: boolean;
  /**
   * Which peers may tell us the client's address (X-Forwarded-For) and protocol: none (false), the
   * nearest n hops, or the listed proxies. Never "everyone": anyone could then pick the address
   * the sign-in limits count.
   */
  trustProxy: TrustProxy;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Where set-password links are also mailed; undefined sends no mail (links are shown only). */
  smtp: { url: string; from: string } | undefined;
  /**
   * Whether outbound webhooks may call private, loopback and link-local addresses. Off in
   * production (an admin's URL must not reach the server's neighbours), on elsewhere so the demo
   * and tests can use localhost; PARLEY_WEBHOOKS_ALLOW_PRIVATE=1 or 0 decides either way.
   */
  webhooksAllowPrivate: boolean;
  /**
   * Seals channel secrets at rest (PARLEY_SECRET_KEY); undefined means the key file in the data
   * folder. Older keys (PARLEY_SECRET_KEY_PREVIOUS) only open values not yet re-sealed.
   */
  secretKey: Buffer | undefined;
  previousSecretKeys: Buffer[];
  /**
   * Time runs this many times faster for the timers (PARLEY_TIME_SCALE): a setting's minutes pass
   * in seconds. For demos and browser tests only; 1 in production.
   */
  timeScale: number;
  /** How often the timer worker looks for due deadlines (PARLEY_TIMER_INTERVAL_MS). */
  timerIntervalMs: number;
  /**
   * Where the outside world reaches this server (PARLEY_PUBLIC_URL), for URLs that leave it: the
   * signed file links sent to webhook and SMS receivers, and the callback URLs given to SMS
   * providers (which Twilio's signatures cover). Default http://HOST:PORT.
   */
  publicUrl: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? 'localhost',
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.PARLEY_DATA_DIR,
    s3: e.PARLEY_S3_URL,
    origins: e.PARLEY_ORIGINS,
    demo: e.PARLEY_DEMO === '1',
    trustProxy: e.PARLEY_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    webhooksAllowPrivate:
      e.PARLEY_WEBHOOKS_ALLOW_PRIVATE === undefined
        ? e.NODE_ENV !== 'production'
        : e.PARLEY_WEBHOOKS_ALLOW_PRIVATE === '1',
    secretKey: e.PARLEY_SECRET_KEY,
    previousSecretKeys: e.PARLEY_SECRET_KEY_PREVIOUS,
    timeScale: e.PARLEY_TIME_SCALE,
    timerIntervalMs: e.PARLEY_TIMER_INTERVAL_MS,
    publicUrl: (e.PARLEY_PUBLIC_URL ?? `http://${e.HOST ?? 'localhost'}:${e.PORT}`).replace(
      /\/+$/,
      '',
    ),
  };
}
