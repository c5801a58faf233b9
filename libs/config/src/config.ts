// Configuration from the environment, validated once at boot: a wrong or missing setting stops
// the service with a message naming it, never a silent fallback.
import { tenantIdSchema } from '@rolebook/domain';
import { PROVIDERS } from '@rolebook/hris';
import { z } from 'zod';
import { LOG_FORMATS } from './log-format';

/** The longest delay Node's timers take (about 24.8 days): a longer one fires after 1 ms. */
const TIMER_MAX_MS = 2_147_483_647;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A JSON object from the environment, validated by `inner`. */
const json = <T extends z.ZodType>(inner: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);

/** `a, b,c` as ['a', 'b', 'c']. */
const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const credential = z.string().min(1);

/** One provider's integration for one tenant: webhook secrets, and the API credentials that provider's deliveries and directory need. Unknown keys are refused (a misspelt credential would otherwise be ignored). */
const integration = z
  .object({
    /** Every active secret (several during a rotation); Standard Webhooks secrets are `whsec_…`. */
    secrets: z.array(z.string().min(8)).min(1),
    /** The provider's API (a default for HiBob, Personio and Merge; BambooHR's names the company). */
    apiUrl: z.url().optional(),
    /** BambooHR: the API key; HiBob: base64 of `serviceUserId:token`; Merge: the API key. */
    apiToken: credential.optional(),
    /** Merge: the linked account's token. */
    accountToken: credential.optional(),
    /** Personio: the API credentials' client id and secret (OAuth2 client credentials). */
    clientId: credential.optional(),
    clientSecret: credential.optional(),
  })
  .strict();

type Integration = z.output<typeof integration>;

/** What each provider needs beyond its secrets, as [keys that must be set together, why]; required ones are always set. */
const PROVIDER_RULES: Record<
  (typeof PROVIDERS)[number],
  { required?: (keyof Integration)[]; together?: (keyof Integration)[]; refused?: (keyof Integration)[] }
> = {
  standard: { refused: ['apiUrl', 'apiToken', 'accountToken', 'clientId', 'clientSecret'] },
  // event-based webhooks name the employee only; field-based ones need no API
  bamboohr: { together: ['apiUrl', 'apiToken'], refused: ['accountToken', 'clientId', 'clientSecret'] },
  // every HiBob delivery names the employee only
  hibob: { required: ['apiToken'], refused: ['accountToken', 'clientId', 'clientSecret'] },
  // every Personio delivery names the person only
  personio: { required: ['clientId', 'clientSecret'], refused: ['apiToken', 'accountToken'] },
  // deliveries whose employments are ids are completed through the API
  merge: { together: ['apiToken', 'accountToken'], refused: ['clientId', 'clientSecret'] },
};

/** `{"<tenant>": {"<provider>": {"secrets": [...], ...credentials}}}` as JSON. */
const hrisIntegrations = json(
  z.record(tenantIdSchema, z.partialRecord(z.enum(PROVIDERS), integration)).superRefine((tenants, ctx) => {
    for (const [tenant, providers] of Object.entries(tenants))
      for (const [provider, settings] of Object.entries(providers) as [(typeof PROVIDERS)[number], Integration | undefined][]) {
        const rules = PROVIDER_RULES[provider];
        if (!settings) continue;
        const path = [tenant, provider];
        const missing = (rules.required ?? []).filter((key) => settings[key] === undefined);
        if (missing.length > 0) ctx.addIssue({ code: 'custom', path, message: `${provider} needs ${missing.join(' and ')}` });
        const together = rules.together ?? [];
        if (together.some((key) => settings[key] !== undefined) && !together.every((key) => settings[key] !== undefined))
          ctx.addIssue({ code: 'custom', path, message: `${provider}: ${together.join(' and ')} go together` });
        const refused = (rules.refused ?? []).filter((key) => settings[key] !== undefined);
        if (refused.length > 0) ctx.addIssue({ code: 'custom', path, message: `${provider} takes no ${refused.join(', ')}` });
      }
  }),
);

/** `false` (default), a number of proxy hops, or addresses / subnets / `loopback`, `linklocal`, `uniquelocal` (Express's
 * `trust proxy`). `true` (trust any X-Forwarded-For) is refused: a client could name any IP and so escape per-IP limits. */
const trustProxy = z
  .string()
  .trim()
  .transform((text, ctx): false | number | string[] => {
    if (text === 'false' || text === '0') return false;
    if (/^[1-9][0-9]?$/.test(text)) return Number(text);
    const entries = text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const valid = entries.length > 0 && entries.every((entry) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/[0-9]{1,3})?)$/.test(entry));
    if (!valid) {
      ctx.addIssue({ code: 'custom', message: 'must be false, a number of hops (1-99), or a list of addresses, subnets, loopback, linklocal, uniquelocal' });
      return z.NEVER;
    }
    return entries;
  });

const KURRENTDB_SCHEMES = ['kurrentdb', 'kurrentdb+discover', 'kurrent', 'kurrent+discover', 'kdb', 'kdb+discover'];

/** A KurrentDB connection string's scheme is the client's (the rest is checked by the client when it connects). */
export const isKurrentDbConnectionString = (value: string): boolean => KURRENTDB_SCHEMES.includes(value.split('://')[0] ?? '');
export const KURRENTDB_CONNECTION_STRING_RULE = `must start with ${KURRENTDB_SCHEMES.map((s) => `${s}://`).join(', ')}`;

export const configSchema = z
  .object({
    /** Where events live: the embedded SQLite file under DATA_DIR, or a KurrentDB server or cluster. */
    EVENT_STORE: z.enum(['sqlite', 'kurrentdb']).default('sqlite'),
    /** Required with EVENT_STORE=kurrentdb, refused without it. */
    KURRENTDB_CONNECTION_STRING: z.string().refine(isKurrentDbConnectionString, KURRENTDB_CONNECTION_STRING_RULE).optional(),
    /** production: no introspection, no suggestions in errors, GraphiQL off unless GRAPHIQL=true, /metrics only with METRICS_TOKEN. */
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    /** The seed texts reference models cite (relative to the working directory); when the folder is missing, only
     * citations of the built-in model are accepted in a published model. */
    SEEDS_DIR: z.string().min(1).default('../shared/seeds'),
    DEFAULT_TENANT: tenantIdSchema.default('default'),
    DEMO_DATA: flag.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** pretty: readable lines (pino-pretty); json: one JSON object a line; auto: pretty on a terminal, JSON otherwise. */
    LOG_FORMAT: z.enum(LOG_FORMATS).default('auto'),
    /** On SIGTERM / SIGINT: how long in-flight requests and jobs may take to finish before the process exits non-zero anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** /health/ready answers 503 while the read model is more than this many events behind the event store's head. */
    READY_MAX_PROJECTION_LAG: z.coerce.number().int().min(0).max(100_000).default(1000),
    /** /health/ready: how long each check (event store, Redis) may take before it counts as failing. */
    READY_CHECK_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
    /** Unset: on, except with NODE_ENV=production. */
    GRAPHIQL: flag.optional(),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(20_000),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(1000),
    /** Set: GET /metrics needs `Authorization: Bearer <token>`. Unset: /metrics is open, except with NODE_ENV=production (off). */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Keys page cursors (AES-256-GCM); unset: a key per process (cursors do not survive a restart and are not shared by replicas). */
    CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
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
    DRIFT_SCHEDULE_MS: z.coerce.number().int().min(0).max(TIMER_MAX_MS).default(3_600_000),
    /** HRIS webhook secrets and API credentials per tenant and provider (JSON); unset: webhooks are refused. */
    HRIS_INTEGRATIONS: hrisIntegrations.default({}),
    /** A full HRIS sync per tenant and provider with API credentials, this often (0: no scheduled syncs; startHrisSync still runs one). */
    HRIS_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).max(TIMER_MAX_MS).default(86_400_000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2000),
    /** Bodies of deliveries done (PROCESSED or DEAD) are erased this many days after they were received. */
    WEBHOOK_BODY_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
    /**
     * A process processing a delivery holds it for this long, renewed every third of it while it
     * runs: a delivery whose process died is taken up by another this long after its last renewal.
     */
    WEBHOOK_CLAIM_MS: z.coerce.number().int().min(100).default(30_000),
    /** Worker: how often to enqueue again pending deliveries whose job Redis lost or never got. */
    WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
    /** `off`: every request acts as an admin of DEFAULT_TENANT, for local experiments only (refused in production). */
    AUTH: z.enum(['on', 'off']).default('on'),
    /** PostgreSQL for what several processes share (API keys, tenants, people's data keys, the webhook inbox, HRIS sync runs); unset: SQLite files under DATA_DIR. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
    /** The per-installation secret API key hashes are keyed with; required with DATABASE_URL, generated under DATA_DIR otherwise. */
    INSTALLATION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** OIDC / JWT bearer tokens: the identity provider's key set, issuer and audience (all three, or none: API keys only). */
    OIDC_JWKS_URL: z.url().optional(),
    OIDC_ISSUER: z.string().min(1).optional(),
    OIDC_AUDIENCE: commaList.optional(),
    OIDC_ALGORITHMS: commaList.default(['RS256', 'ES256']),
    /** The claim holding the tenant slug, and the one holding the role (or IdP group names, with OIDC_ROLE_MAP). */
    OIDC_TENANT_CLAIM: z.string().min(1).default('rolebook_tenant'),
    OIDC_ROLE_CLAIM: z.string().min(1).default('rolebook_role'),
    /** `{"<IdP role or group>": "<viewer|auditor|editor|admin>"}`; when set, only mapped names count. */
    OIDC_ROLE_MAP: json(z.record(z.string(), z.enum(['viewer', 'auditor', 'editor', 'admin']))).optional(),
    OIDC_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(60).default(5),
    /** Origins (scheme://host[:port]) a browser may open a graphql-ws socket from; unset: the API's own origin only. */
    WS_ALLOWED_ORIGINS: commaList.default([]),
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(20),
    WS_MAX_CONNECTIONS_PER_PRINCIPAL: z.coerce.number().int().min(1).max(10_000).default(10),
    /** Subscription messages one graphql-ws connection is sent per second at most, all its subscriptions together: past it delivery is paced (slowed), nothing dropped. */
    WS_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(100),
    /** How often open subscription connections are checked again, so a key revoked or expired elsewhere is cut off. */
    WS_RECHECK_MS: z.coerce.number().int().min(100).default(30_000),
    /** GraphQL requests (HTTP, and subscribes over graphql-ws) per principal per RATE_LIMIT_WINDOW_S; shared by replicas through Redis when REDIS_URL is set. */
    RATE_LIMIT_PER_PRINCIPAL: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** GraphQL requests over HTTP per client IP per window, counted before authentication (so guessing credentials is limited too). */
    RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    /** POST /webhooks/* per client IP per window, counted before any verification. */
    RATE_LIMIT_WEBHOOKS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(600),
    RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Express `trust proxy`: which proxies' X-Forwarded-For gives the client IP. Off by default (the socket's peer is the client). */
    TRUST_PROXY: trustProxy.default(false),
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
    if (config.AUTH === 'off' && isProduction(config)) ctx.addIssue({ code: 'custom', path: ['AUTH'], message: 'cannot be off when NODE_ENV=production' });
    if (config.DATABASE_URL && !config.INSTALLATION_SECRET)
      ctx.addIssue({ code: 'custom', path: ['INSTALLATION_SECRET'], message: 'is required with DATABASE_URL (every replica must hash API keys alike)' });
    const oidc = [config.OIDC_JWKS_URL, config.OIDC_ISSUER, config.OIDC_AUDIENCE];
    if (oidc.some(Boolean) && !oidc.every(Boolean))
      ctx.addIssue({ code: 'custom', path: ['OIDC_JWKS_URL'], message: 'OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE go together' });
  });

export type Config = Omit<z.output<typeof configSchema>, 'GRAPHIQL'> & { GRAPHIQL: boolean };

export const isProduction = (config: Pick<Config, 'NODE_ENV'>): boolean => config.NODE_ENV === 'production';

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
  return { ...result.data, GRAPHIQL: result.data.GRAPHIQL ?? !isProduction(result.data) };
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
