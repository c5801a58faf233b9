// BambooHR's event-based webhooks name the employee only; the details come from its API
// (GET {apiUrl}/v1/employees/{id}/?fields=..., apiUrl being
// https://api.bamboohr.com/api/gateway.php/{companyDomain}; the API key as the HTTP Basic user,
// any password). A hire takes effect on its hire date; a status of Inactive is a termination,
// on its termination date.
import { z } from 'zod';
import { instantOf, type FetchedEmployee } from '../mapping/employee-change';
import { getJson, type ProviderApi } from './provider-api';

const FIELDS = ['firstName', 'lastName', 'workEmail', 'jobTitle', 'supervisorEId', 'status', 'hireDate', 'terminationDate'];

const text = z.string().nullish();
const employee = z.object({
  firstName: text,
  lastName: text,
  workEmail: text,
  jobTitle: text,
  supervisorEId: z.union([z.string(), z.number()]).nullish(),
  status: text,
  hireDate: text,
  terminationDate: text,
});

/** `apiToken` is the API key. */
export const fetchBambooHrEmployee = async (api: ProviderApi, employeeId: string): Promise<FetchedEmployee | null> => {
  const authorization = `Basic ${Buffer.from(`${api.apiToken}:x`).toString('base64')}`;
  const body = await getJson(api, `v1/employees/${encodeURIComponent(employeeId)}/?fields=${FIELDS.join(',')}`, authorization, employee);
  if (!body) return null;
  const name = [body.firstName, body.lastName].filter((part) => part?.trim()).join(' ');
  return {
    fields: {
      ...(name ? { name } : {}),
      email: body.workEmail || null,
      title: body.jobTitle || null,
      managerId: body.supervisorEId ? String(body.supervisorEId) : null,
    },
    hiredAt: instantOf(body.hireDate),
    terminated: body.status === 'Inactive',
    terminatedAt: instantOf(body.terminationDate),
  };
};
