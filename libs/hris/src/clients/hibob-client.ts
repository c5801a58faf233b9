// HiBob's webhooks name the employee only; the details come from its People API
// (GET /v1/people/{id}, service-user credentials as HTTP Basic). Answers null for an employee the
// HRIS does not know; throws on any other failure (the delivery is then retried).
import { z } from 'zod';
import type { FetchedEmployee } from '../mapping/employee-change';
import { getJson, type ProviderApi } from './provider-api';

const person = z.object({
  displayName: z.string().min(1),
  email: z.string().nullish(),
  work: z.object({ title: z.string().nullish(), reportsTo: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullish() }).nullish(),
});

/** `apiToken` is base64 of `serviceUserId:token`, sent as HTTP Basic. */
export const fetchHiBobEmployee = async (api: ProviderApi, employeeId: string): Promise<FetchedEmployee | null> => {
  const body = await getJson(api, `v1/people/${encodeURIComponent(employeeId)}`, `Basic ${api.apiToken}`, person);
  if (!body) return null;
  return {
    fields: { name: body.displayName, email: body.email ?? null, title: body.work?.title ?? null, managerId: body.work?.reportsTo?.id ?? null },
    hiredAt: null,
    terminated: false,
    terminatedAt: null,
  };
};
