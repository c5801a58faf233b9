// The credentials each provider's API needs from an integration: one table, read by the clients
// (which refuse to call without them) and by whoever decides a tenant's provider can be synced.
import type { ApiProvider } from '.';
import { ProviderApiNotConfigured, type ProviderApi } from './provider-api';

const REQUIRED = {
  bamboohr: ['apiToken'],
  hibob: ['apiToken'],
  personio: ['clientId', 'clientSecret'],
  merge: ['apiToken', 'accountToken'],
} as const satisfies Record<ApiProvider, readonly (keyof ProviderApi)[]>;

/** The integration, known to hold the provider's credentials. */
type Credentialed<P extends ApiProvider> = ProviderApi & { [F in (typeof REQUIRED)[P][number]]: string };

/** Whether the integration holds every credential the provider's API needs. */
export const hasCredentials = <P extends ApiProvider>(provider: P, api: ProviderApi): api is Credentialed<P> =>
  REQUIRED[provider].every((field: keyof ProviderApi) => Boolean(api[field]));

/** The integration, when it holds the provider's credentials; else throws ProviderApiNotConfigured. */
export const requireCredentials = <P extends ApiProvider>(provider: P, api: ProviderApi): Credentialed<P> => {
  if (!hasCredentials(provider, api)) throw new ProviderApiNotConfigured(provider);
  return api;
};
