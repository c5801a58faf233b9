import type { DirectoryEmployee, FetchedEmployee } from '../mapping/employee-change';
import type { Provider } from '../providers';
import { fetchBambooHrEmployee, listBambooHrEmployees } from './bamboohr-client';
import { fetchHiBobEmployee, listHiBobEmployees } from './hibob-client';
import { fetchMergeEmployee, listMergeEmployees } from './merge-client';
import { fetchPersonioEmployee, listPersonioEmployees } from './personio-client';
import type { ProviderApi } from './provider-api';

export { hasCredentials } from './credentials';
export { ProviderApiError, ProviderApiNotConfigured, retryAfterMs, type HttpPolicy, type ProviderApi } from './provider-api';

/** The providers that have an API Rolebook reads (Standard Webhooks senders have none). */
export type ApiProvider = Exclude<Provider, 'standard'>;

export interface ProviderClient {
  /** One employee, for deliveries that name the employee only; null when the HRIS does not know them. */
  fetchEmployee(api: ProviderApi, employeeId: string): Promise<FetchedEmployee | null>;
  /**
   * The provider's employee directory, read to the end of its pagination (a reconciliation's
   * input). `modifiedAfter` narrows it where the provider's filter is complete (Merge); the others
   * list everyone.
   */
  listEmployees(api: ProviderApi, options?: { modifiedAfter?: string }): AsyncIterable<DirectoryEmployee>;
}

export const PROVIDER_CLIENTS: Record<ApiProvider, ProviderClient> = {
  bamboohr: { fetchEmployee: fetchBambooHrEmployee, listEmployees: listBambooHrEmployees },
  hibob: { fetchEmployee: fetchHiBobEmployee, listEmployees: listHiBobEmployees },
  personio: { fetchEmployee: fetchPersonioEmployee, listEmployees: listPersonioEmployees },
  merge: { fetchEmployee: fetchMergeEmployee, listEmployees: listMergeEmployees },
};

/** Where each provider's API is unless the integration says otherwise (BambooHR's names the company: always configured). */
export const DEFAULT_API_URLS: Partial<Record<ApiProvider, string>> = {
  hibob: 'https://api.hibob.com',
  personio: 'https://api.personio.de',
  merge: 'https://api.merge.dev',
};

export const hasApi = (provider: Provider): provider is ApiProvider => provider !== 'standard';
