// HiBob's webhooks name the employee only; the details come from its People API
// (GET /v1/people/{id}, service-user credentials as HTTP Basic). Answers null for an employee the
// HRIS does not know; throws on any other failure (the delivery is then retried).
import { z } from 'zod';
import type { EmployeeFields } from '../mapping/employee-change';

const person = z.object({
  displayName: z.string().min(1),
  email: z.string().nullish(),
  work: z.object({ title: z.string().nullish(), reportsTo: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullish() }).nullish(),
});

export interface HiBobClientOptions {
  apiUrl: string;
  /** base64 of `serviceUserId:token`, sent as HTTP Basic. */
  apiToken: string;
  timeoutMs?: number;
}

export const fetchHiBobEmployee = async (options: HiBobClientOptions, employeeId: string): Promise<EmployeeFields | null> => {
  const url = new URL(`v1/people/${encodeURIComponent(employeeId)}`, options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
  const response = await fetch(url, {
    headers: { authorization: `Basic ${options.apiToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`HiBob People API answered ${response.status}`);
  const body = person.parse(await response.json());
  return { name: body.displayName, email: body.email ?? null, title: body.work?.title ?? null, managerId: body.work?.reportsTo?.id ?? null };
};
