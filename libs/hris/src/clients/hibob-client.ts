// HiBob's People API (https://apidocs.hibob.com), service-user credentials as HTTP Basic (apiToken:
// base64 of `serviceUserId:token`). One employee: POST /v1/people/{id} with the fields wanted, as
// HiBob's guide to webhooks v2 does (api-calls-for-webhook-events). The directory: POST
// /v1/people/search with showInactive, which returns every employee in one answer (HiBob: "these
// endpoints do not support cursor-based pagination", people-read-api-contract). humanReadable
// APPEND gives the machine values and, beside them, the readable ones (a title's text, not its
// list item id).
import { z } from 'zod';
import { instantOf, type DirectoryEmployee, type FetchedEmployee } from '../mapping/employee-change';
import { requestJson, type ProviderApi } from './provider-api';
import { requireCredentials } from './credentials';

export const HIBOB_FIELDS = [
  'root.id',
  'root.displayName',
  'root.email',
  'work.title',
  'work.reportsTo',
  'work.startDate',
  'internal.lifecycleStatus',
  'internal.status',
  'internal.terminationDate',
];

const idOf = z.union([z.string(), z.number()]).transform(String);
const text = z.string().nullish();
const person = z.object({
  id: idOf.optional(),
  displayName: text,
  email: text,
  work: z
    .object({
      title: text,
      // an employee reference: its id, or an object carrying it
      reportsTo: z.union([idOf, z.object({ id: idOf.nullish() })]).nullish(),
      startDate: text,
    })
    .nullish(),
  internal: z.object({ lifecycleStatus: text, status: text, terminationDate: text }).nullish(),
  humanReadable: z.object({ work: z.object({ title: text }).nullish() }).nullish(),
});

const authorization = (api: ProviderApi) => {
  requireCredentials('hibob', api);
  const header = `Basic ${api.apiToken}`;
  return () => header;
};

const toFetched = (p: z.output<typeof person>): FetchedEmployee => {
  const reportsTo = p.work?.reportsTo;
  const lifecycle = p.internal?.lifecycleStatus?.toLowerCase();
  return {
    fields: {
      ...(p.displayName ? { name: p.displayName } : {}),
      email: p.email || null,
      title: p.humanReadable?.work?.title || p.work?.title || null,
      managerId: (typeof reportsTo === 'string' ? reportsTo : reportsTo?.id) || null,
    },
    hiredAt: instantOf(p.work?.startDate),
    // inactive may be a leave: only a terminated lifecycle status is a departure
    terminated: lifecycle === 'terminated',
    terminatedAt: instantOf(p.internal?.terminationDate),
  };
};

export const fetchHiBobEmployee = async (api: ProviderApi, employeeId: string): Promise<FetchedEmployee | null> => {
  const body = await requestJson(api, {
    method: 'POST',
    path: `v1/people/${encodeURIComponent(employeeId)}`,
    authorization: authorization(api),
    body: { json: { fields: HIBOB_FIELDS, humanReadable: 'APPEND' } },
    schema: person,
  });
  return body && toFetched(body);
};

/** Every employee the service user may read, inactive ones included; the search has no "modified after". */
export async function* listHiBobEmployees(api: ProviderApi): AsyncIterable<DirectoryEmployee> {
  const found = await requestJson(api, {
    method: 'POST',
    path: 'v1/people/search',
    authorization: authorization(api),
    body: { json: { fields: HIBOB_FIELDS, showInactive: true, humanReadable: 'APPEND' } },
    schema: z.object({ employees: z.array(person.extend({ id: idOf })) }),
  });
  for (const p of found?.employees ?? []) yield { employeeId: p.id, ...toFetched(p) };
}
