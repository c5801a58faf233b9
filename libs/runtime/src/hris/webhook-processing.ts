// The pieces every process that handles HRIS deliveries shares: the durable inbox (PostgreSQL
// with DATABASE_URL, every host's; else DATA_DIR/webhooks.db, one file for the API that records
// deliveries and the worker of the same host that processes them) and the processor wired to the
// provider clients thin deliveries need.
import type { Config } from '@rolebook/config';
import {
  DEFAULT_API_URLS,
  hasApi,
  PostgresDeliveryInbox,
  SqliteDeliveryInbox,
  type DeliveryInbox,
  PROVIDER_CLIENTS,
  ProviderApiNotConfigured,
  type Provider,
  type ProviderApi,
} from '@rolebook/hris';
import { onOwnPool } from '@rolebook/postgres';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DeliveryProcessor, HrisSync, type EmployeeFetcher } from '@rolebook/application';
import type { Rolebook } from '../compose';

export const webhooksFile = (config: Config): string => join(config.DATA_DIR, 'webhooks.db');

export const openDeliveryInbox = async (config: Config): Promise<DeliveryInbox> => {
  if (config.DATABASE_URL) {
    return onOwnPool(config.DATABASE_URL, 5, (pool, end) => PostgresDeliveryInbox.open(pool, end));
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return new SqliteDeliveryInbox(webhooksFile(config));
};

/** Where and how to call a tenant's provider API, from HRIS_INTEGRATIONS; null when it is not configured. */
export const providerApi = (config: Config, tenantId: string, provider: Provider): ProviderApi | null => {
  const integration = config.HRIS_INTEGRATIONS[tenantId]?.[provider];
  const apiUrl = integration?.apiUrl ?? (hasApi(provider) ? DEFAULT_API_URLS[provider] : undefined);
  if (!integration || !apiUrl) return null;
  const { apiToken, accountToken, clientId, clientSecret } = integration;
  return { apiUrl, apiToken, accountToken, clientId, clientSecret };
};

const employeeFetcher =
  (config: Config): EmployeeFetcher =>
  async (tenantId, provider, employeeId) => {
    const api = providerApi(config, tenantId, provider);
    // parked (API_NOT_CONFIGURED), replayable once the integration has its API credentials
    if (!hasApi(provider) || !api) throw new ProviderApiNotConfigured(provider);
    return PROVIDER_CLIENTS[provider].fetchEmployee(api, employeeId);
  };

const HOUR_MS = 3_600_000;

/** Erases the bodies (personal data) of deliveries done and past WEBHOOK_BODY_RETENTION_DAYS, now and every hour; answers a stop function. */
export const startBodyErasure = (config: Config, logger: Logger, inbox: DeliveryInbox): (() => void) => {
  const erase = async () => {
    const erased = await inbox.eraseBodies(new Date(Date.now() - config.WEBHOOK_BODY_RETENTION_DAYS * 24 * HOUR_MS).toISOString());
    if (erased > 0) logger.info({ erased }, 'webhook delivery bodies erased after the retention period');
  };
  const tryErase = () => void erase().catch((err: unknown) => logger.error({ err }, 'webhook delivery bodies could not be erased now; again in an hour'));
  tryErase();
  const timer = setInterval(tryErase, HOUR_MS);
  return () => clearInterval(timer);
};

export const deliveryProcessor = (config: Config, logger: Logger, rolebook: Rolebook, inbox: DeliveryInbox): DeliveryProcessor =>
  new DeliveryProcessor(
    inbox,
    new HrisSync(rolebook.commands, rolebook.queries, rolebook.drift, employeeFetcher(config)),
    {
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: config.WEBHOOK_RETRY_BASE_MS,
      claimMs: config.WEBHOOK_CLAIM_MS,
      onOutcome: (d, outcome, reason) =>
        logger[outcome === 'dead' ? 'warn' : 'info']({ tenantId: d.tenantId, provider: d.provider, delivery: d.seq, outcome, reason }, 'webhook delivery'),
    },
    // the delivery number is the correlation id of everything its processing recorded
    (err, d) => logger.error({ err, tenantId: d.tenantId, provider: d.provider, delivery: d.seq }, 'webhook delivery failed unexpectedly; retried'),
  );
