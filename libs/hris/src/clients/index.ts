import type { Provider } from '../providers';
import type { FetchedEmployee } from '../mapping/employee-change';
import { fetchBambooHrEmployee } from './bamboohr-client';
import { fetchHiBobEmployee } from './hibob-client';
import type { ProviderApi } from './provider-api';

export type { ProviderApi } from './provider-api';

/** The providers whose thin deliveries are completed through their API. */
export const EMPLOYEE_CLIENTS: Partial<Record<Provider, (api: ProviderApi, employeeId: string) => Promise<FetchedEmployee | null>>> = {
  bamboohr: fetchBambooHrEmployee,
  hibob: fetchHiBobEmployee,
};
