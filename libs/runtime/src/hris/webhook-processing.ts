// The pieces every process that handles HRIS deliveries shares: the durable inbox
// (DATA_DIR/webhooks.db, one file for the API that records deliveries and the worker that
// processes them) and the processor wired to the provider clients thin deliveries need.
import type { Config } from '@rolebook/config';
import { DEFAULT_API_URLS, DeliveryInbox, hasApi, PROVIDER_CLIENTS, ProviderApiNotConfigured, type Provider, type ProviderApi } from '@rolebook/hris';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DeliveryProcessor, HrisSync, type EmployeeFetcher } from '@rolebook/application';
import type { Rolebook } from '../compose';

export const openDeliveryInbox = (config: Config): DeliveryInbox => new DeliveryInbox(join(config.DATA_DIR, 'webhooks.db'));

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
  const erase = () => {
    const erased = inbox.eraseBodies(new Date(Date.now() - config.WEBHOOK_BODY_RETENTION_DAYS * 24 * HOUR_MS).toISOString());
    if (erased > 0) logger.info({ erased }, 'webhook delivery bodies erased after the retention period');
  };
  erase();
  const timer = setInterval(erase, HOUR_MS);
  return () => clearInterval(timer);
};

export const deliveryProcessor = (config: Config, logger: Logger, rolebook: Rolebook, inbox: DeliveryInbox): DeliveryProcessor =>
  new DeliveryProcessor(
    inbox,
    new HrisSync(rolebook.commands, rolebook.queries, rolebook.drift, employeeFetcher(config)),
    {
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: config.WEBHOOK_RETRY_BASE_MS,
      onOutcome: (d, outcome, reason) =>
        logger[outcome === 'dead' ? 'warn' : 'info']({ tenantId: d.tenantId, provider: d.provider, delivery: d.seq, outcome, reason }, 'webhook delivery'),
    },
    // the delivery number is the correlation id of everything its processing recorded
    (err, d) => logger.error({ err, tenantId: d.tenantId, provider: d.provider, delivery: d.seq }, 'webhook delivery failed unexpectedly; retried'),
  );
