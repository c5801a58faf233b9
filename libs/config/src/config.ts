// Configuration from the environment, validated once at boot: a wrong or missing setting stops
// the service with a message naming it, never a silent fallback.
import { tenantIdSchema } from '@rolebook/domain';
import { PROVIDERS } from '@rolebook/hris';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const integration = z.object({
  /** Every active secret (several during a rotation); Standard Webhooks secrets are `whsec_…`. */
  secrets: z.array(z.string().min(8)).min(1),
  /** For providers whose webhooks carry only ids (HiBob): where and how to fetch the details. */
  apiUrl: z.url().optional(),
  apiToken: z.string().min(1).optional(),
});

/** `{"<tenant>": {"<provider>": {"secrets": [...], "apiUrl": ..., "apiToken": ...}}}` as JSON. */
const hrisIntegrations = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.record(tenantIdSchema, z.partialRecord(z.enum(PROVIDERS), integration)));

const KURRENTDB_SCHEMES = ['kurrentdb', 'kurrentdb+discover', 'kurrent', 'kurrent+discover', 'kdb', 'kdb+discover'];

export const configSchema = z
  .object({
    /** Where events live: the embedded SQLite file under DATA_DIR, or a KurrentDB server or cluster. */
    EVENT_STORE: z.enum(['sqlite', 'kurrentdb']).default('sqlite'),
    /** Required with EVENT_STORE=kurrentdb, refused without it. */
    KURRENTDB_CONNECTION_STRING: z
      .string()
      .refine((v) => KURRENTDB_SCHEMES.includes(v.split('://')[0] ?? ''), `must start with ${KURRENTDB_SCHEMES.map((s) => `${s}://`).join(', ')}`)
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DEFAULT_TENANT: tenantIdSchema.default('default'),
    DEMO_DATA: flag.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GRAPHIQL: flag.default(true),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(20_000),
    /** PostgreSQL shared by every host (postgres://…); the people's data keys live there when set, else in DATA_DIR/keys.db. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
    /** Set: drift checks and HRIS deliveries are processed on BullMQ by the worker process; unset: in the API process. */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    BULLMQ_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_-]{1,64}$/)
      .default('rolebook'),
    /** Worker: a job's lock; the job of a worker that died is taken up again once it lapses. */
    JOB_LOCK_MS: z.coerce.number().int().min(100).default(30_000),
    JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
    DRIFT_DEBOUNCE_MS: z.coerce.number().int().min(0).default(2000),
    DRIFT_SCHEDULE_MS: z.coerce.number().int().min(0).default(3_600_000),
    /** HRIS webhook secrets and API credentials per tenant and provider (JSON); unset: webhooks are refused. */
    HRIS_INTEGRATIONS: hrisIntegrations.default({}),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2000),
    /** Bodies of deliveries done (PROCESSED or DEAD) are erased this many days after they were received. */
    WEBHOOK_BODY_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
    /** Worker: how often to enqueue again pending deliveries whose job Redis lost or never got. */
    WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
  })
  .superRefine((config, ctx) => {
    if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_CONNECTION_STRING)
      ctx.addIssue({ code: 'custom', path: ['KURRENTDB_CONNECTION_STRING'], message: 'is required when EVENT_STORE=kurrentdb' });
    if (config.EVENT_STORE === 'sqlite' && config.KURRENTDB_CONNECTION_STRING)
      ctx.addIssue({
        code: 'custom',
        path: ['EVENT_STORE'],
        message: 'is sqlite (the default) but KURRENTDB_CONNECTION_STRING is set: set EVENT_STORE=kurrentdb, or unset the connection string',
      });
  });

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const known = Object.fromEntries(Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = configSchema.safeParse(known);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return result.data;
};

/** For a process entry point: the configuration, or exit 1 naming what is wrong. */
export const loadConfigOrExit = (env: NodeJS.ProcessEnv = process.env): Config => {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
};
