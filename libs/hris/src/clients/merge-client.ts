// Merge's HRIS API (https://docs.merge.dev/hris/employees/): the API key as a bearer token and the
// linked account's token in `X-Account-Token`; apiUrl https://api.merge.dev (or the EU / APAC
// region's). One employee: GET /api/hris/v1/employees/{id}?expand=employments,manager, for
// deliveries whose relations are ids. The directory: GET /api/hris/v1/employees with the same
// expand, `modified_after` when given, and cursor paging (`next`) to the end.
import { z } from 'zod';
import { instantOf, type DirectoryEmployee, type FetchedEmployee } from '../mapping/employee-change';
import { currentEmployment, mergeEmployee, mergeManagerId, mergeName, type MergeEmployee } from '../mapping/merge-payload';
import { allPages, requestJson, type ProviderApi } from './provider-api';
import { requireCredentials } from './credentials';

const EXPAND = 'expand=employments,manager';
const PAGE_SIZE = 100;

const credentials = (api: ProviderApi) => {
  const { apiToken, accountToken } = requireCredentials('merge', api);
  const header = `Bearer ${apiToken}`;
  return { authorization: () => header, headers: { 'x-account-token': accountToken } };
};

const toFetched = (e: MergeEmployee): FetchedEmployee => {
  const name = mergeName(e);
  return {
    fields: { ...(name ? { name } : {}), email: e.work_email ?? null, title: currentEmployment(e)?.job_title ?? null, managerId: mergeManagerId(e) },
    hiredAt: instantOf(e.start_date),
    terminated: e.employment_status === 'INACTIVE',
    terminatedAt: instantOf(e.termination_date),
  };
};

export const fetchMergeEmployee = async (api: ProviderApi, employeeId: string): Promise<FetchedEmployee | null> => {
  const body = await requestJson(api, {
    path: `api/hris/v1/employees/${encodeURIComponent(employeeId)}?${EXPAND}`,
    ...credentials(api),
    schema: mergeEmployee,
  });
  return body && toFetched(body);
};

/** Every employee (those changed after `modifiedAfter` when given: Merge's `modified_after`). */
export async function* listMergeEmployees(api: ProviderApi, options: { modifiedAfter?: string } = {}): AsyncIterable<DirectoryEmployee> {
  const auth = credentials(api);
  const query = `${EXPAND}&page_size=${PAGE_SIZE}${options.modifiedAfter ? `&modified_after=${encodeURIComponent(options.modifiedAfter)}` : ''}`;
  const employees = allPages(async (cursor) => {
    const page = await requestJson(api, {
      path: `api/hris/v1/employees?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ...auth,
      schema: z.object({ next: z.string().nullish(), results: z.array(mergeEmployee) }),
    });
    return { items: page?.results ?? [], next: page?.next ?? null };
  });
  for await (const e of employees) yield { employeeId: e.id, ...toFetched(e) };
}
