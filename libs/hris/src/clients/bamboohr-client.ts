// BambooHR's API (https://documentation.bamboohr.com/reference), apiUrl being
// https://api.bamboohr.com/api/gateway.php/{companyDomain} and the API key the HTTP Basic user
// (any password). One employee: GET /v1/employees/{id}/?fields=... (event-based webhooks name the
// employee only). The directory: a custom report, POST /v1/reports/custom?format=JSON&onlyCurrent=false,
// which lists every employee, inactive ones included, in one answer (it does not page). A status
// of Inactive is a termination, on its termination date; a hire takes effect on its hire date.
import { z } from 'zod';
import { instantOf, type DirectoryEmployee, type FetchedEmployee } from '../mapping/employee-change';
import { requestJson, type ProviderApi } from './provider-api';
import { requireCredentials } from './credentials';

const FIELDS = ['firstName', 'lastName', 'workEmail', 'jobTitle', 'supervisorEId', 'status', 'hireDate', 'terminationDate'];

const text = z.string().nullish();
const employee = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  firstName: text,
  lastName: text,
  workEmail: text,
  jobTitle: text,
  supervisorEId: z.union([z.string(), z.number()]).nullish(),
  status: text,
  hireDate: text,
  terminationDate: text,
});

const authorization = (api: ProviderApi) => {
  requireCredentials('bamboohr', api);
  const header = `Basic ${Buffer.from(`${api.apiToken}:x`).toString('base64')}`;
  return () => header;
};

const toFetched = (body: z.output<typeof employee>): FetchedEmployee => {
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

export const fetchBambooHrEmployee = async (api: ProviderApi, employeeId: string): Promise<FetchedEmployee | null> => {
  const body = await requestJson(api, {
    path: `v1/employees/${encodeURIComponent(employeeId)}/?fields=${FIELDS.join(',')}`,
    authorization: authorization(api),
    schema: employee,
  });
  return body && toFetched(body);
};

/** Every employee, inactive ones included; BambooHR's report has no "modified after", so the whole directory is read. */
export async function* listBambooHrEmployees(api: ProviderApi): AsyncIterable<DirectoryEmployee> {
  const report = await requestJson(api, {
    method: 'POST',
    path: 'v1/reports/custom?format=JSON&onlyCurrent=false',
    authorization: authorization(api),
    body: { json: { title: 'Rolebook reconciliation', fields: ['id', ...FIELDS] } },
    schema: z.object({ employees: z.array(employee.extend({ id: z.union([z.string(), z.number()]).transform(String) })) }),
  });
  for (const e of report?.employees ?? []) yield { employeeId: e.id, ...toFetched(e) };
}
