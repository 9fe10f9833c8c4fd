import { z } from 'zod';

/** The environment, parsed and validated once. A bad value stops start-up naming the variable. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
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
  PARLEY_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  /** Allowed browser origins; undefined means "the server's own" (the request's Host). */
  origins: string[] | undefined;
  demo: boolean;
  trustProxy: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
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
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.PARLEY_DATA_DIR,
    origins: e.PARLEY_ORIGINS,
    demo: e.PARLEY_DEMO === '1',
    trustProxy: e.PARLEY_TRUST_PROXY === '1',
    logLevel: e.LOG_LEVEL,
  };
}
