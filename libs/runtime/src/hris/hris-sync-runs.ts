// What every process that starts or runs HRIS syncs shares: the sync-run store (beside the
// delivery inbox: PostgreSQL with DATABASE_URL, else DATA_DIR/webhooks.db), the use case wired to the provider clients, and which tenants' providers have
// the API credentials a scheduled sync needs.
import { HrisSyncRuns, type DirectoryLister } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import {
  hasApi,
  hasCredentials,
  PROVIDER_CLIENTS,
  ProviderApiNotConfigured,
  PROVIDERS,
  PostgresSyncRunStore,
  SqliteSyncRunStore,
  type ApiProvider,
  type HttpPolicy,
  type SyncRunStore,
} from '@rolebook/hris';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';
import { onOwnPool } from '@rolebook/postgres';
import { mkdirSync } from 'node:fs';
import { providerApi, webhooksFile } from './webhook-processing';

export const openSyncRunStore = async (config: Config): Promise<SyncRunStore> => {
  if (config.DATABASE_URL) {
    return onOwnPool(config.DATABASE_URL, 3, (pool, end) => PostgresSyncRunStore.open(pool, end));
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return new SqliteSyncRunStore(webhooksFile(config));
};

const directoryLister =
  (config: Config, http?: HttpPolicy): DirectoryLister =>
  (tenantId, provider, options) => {
    const api = providerApi(config, tenantId, provider);
    if (!api || !hasCredentials(provider, api)) throw new ProviderApiNotConfigured(provider);
    return PROVIDER_CLIENTS[provider].listEmployees(http ? { ...api, http } : api, options);
  };

/** @param http the vendor calls' manners, when not the clients' defaults (tests shorten the backoff) */
export const hrisSyncRuns = (config: Config, logger: Logger, rolebook: Rolebook, store: SyncRunStore, http?: HttpPolicy): HrisSyncRuns =>
  new HrisSyncRuns(store, rolebook.reconciler, directoryLister(config, http), undefined, (err, run) =>
    logger.error({ err, tenantId: run.tenantId, provider: run.provider, syncRun: run.id }, 'HRIS sync run failed unexpectedly'),
  );

/** The tenants' providers a scheduled sync reads: those configured with API credentials. */
export const syncableIntegrations = (config: Config): { tenantId: string; provider: ApiProvider }[] =>
  Object.keys(config.HRIS_INTEGRATIONS).flatMap((tenantId) =>
    PROVIDERS.filter(hasApi).flatMap((provider) => {
      const api = providerApi(config, tenantId, provider);
      return api && hasCredentials(provider, api) ? [{ tenantId, provider }] : [];
    }),
  );
