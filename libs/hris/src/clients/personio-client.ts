// Personio's API v2 (https://developer.personio.de/v2.0/reference). OAuth2 client credentials:
// POST /v2/auth/token (form-encoded grant_type, client_id, client_secret) gives a bearer token for
// `expires_in` seconds; it is cached per credentials until shortly before then, and fetched again
// on a 401 (revoked or expired early). One employee: GET /v2/persons/{id} and the employment it
// names (the most recent first), GET /v2/persons/{id}/employments/{employmentId}: the position's
// title, the supervisor, the start date, the status and the termination. The directory: GET
// /v2/persons, cursor-paged through `_meta.links.next.href`, to the end.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { instantOf, type DirectoryEmployee, type FetchedEmployee } from '../mapping/employee-change';
import { allPages, ProviderApiNotConfigured, requestJson, type ProviderApi } from './provider-api';
import { requireCredentials } from './credentials';

const token = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() });

const person = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  preferred_name: z.string().nullish(),
  email: z.string().nullish(),
  status: z.string().nullish(),
  employments: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })).nullish(),
});

const employment = z.object({
  position: z.object({ title: z.string().nullish() }).nullish(),
  status: z.string().nullish(),
  employment_start_date: z.string().nullish(),
  employment_end_date: z.string().nullish(),
  supervisor: z.object({ id: z.union([z.string(), z.number()]).transform(String).nullish() }).nullish(),
  termination: z.object({ termination_date: z.string().nullish() }).nullish(),
});

const page = z.object({
  _data: z.array(person),
  _meta: z.object({ links: z.object({ next: z.object({ href: z.string().min(1) }).nullish() }).nullish() }).nullish(),
});

/** A token expires this long before Personio says, so that none is sent on its last second. */
const EARLY_MS = 60_000;
const DEFAULT_TTL_S = 3600;

const tokens = new Map<string, { value: string; expiresAt: number }>();

/** The Authorization header for these credentials and a way to drop it, for requestJson. */
const personioAuth = (api: ProviderApi) => {
  const { clientId, clientSecret } = requireCredentials('personio', api);
  // keyed by a digest: the secret is not kept as a map key
  const key = createHash('sha256').update(`${api.apiUrl}\0${clientId}\0${clientSecret}`).digest('hex');
  return {
    authorization: async () => {
      const cached = tokens.get(key);
      if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.value}`;
      const issued = await requestJson(api, {
        method: 'POST',
        path: 'v2/auth/token',
        body: { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } },
        schema: token,
      });
      if (!issued) throw new ProviderApiNotConfigured('personio');
      const ttlMs = (issued.expires_in ?? DEFAULT_TTL_S) * 1000;
      tokens.set(key, { value: issued.access_token, expiresAt: Date.now() + Math.max(ttlMs - EARLY_MS, ttlMs / 2) });
      return `Bearer ${issued.access_token}`;
    },
    refreshAuthorization: () => void tokens.delete(key),
  };
};

const employeeOf = async (api: ProviderApi, auth: ReturnType<typeof personioAuth>, p: z.output<typeof person>): Promise<FetchedEmployee> => {
  const employmentId = p.employments?.[0]?.id;
  const job = employmentId
    ? await requestJson(api, { path: `v2/persons/${encodeURIComponent(p.id)}/employments/${encodeURIComponent(employmentId)}`, ...auth, schema: employment })
    : null;
  const name = [p.preferred_name || p.first_name, p.last_name].filter((part) => part?.trim()).join(' ');
  return {
    fields: { ...(name ? { name } : {}), email: p.email || null, title: job?.position?.title || null, managerId: job?.supervisor?.id ?? null },
    hiredAt: instantOf(job?.employment_start_date),
    terminated: job?.status === 'INACTIVE' || (!job && p.status === 'INACTIVE'),
    terminatedAt: instantOf(job?.termination?.termination_date ?? job?.employment_end_date),
  };
};

export const fetchPersonioEmployee = async (api: ProviderApi, personId: string): Promise<FetchedEmployee | null> => {
  const auth = personioAuth(api);
  const p = await requestJson(api, { path: `v2/persons/${encodeURIComponent(personId)}`, ...auth, schema: person });
  return p && employeeOf(api, auth, p);
};

/**
 * Every person, with the employment each names. The whole directory: a person's `updated_at` does
 * not move when only their employment changes (a new title, a new supervisor), so Personio's
 * `updated_at.gt` filter would miss exactly what a reconciliation looks for.
 */
export async function* listPersonioEmployees(api: ProviderApi): AsyncIterable<DirectoryEmployee> {
  const auth = personioAuth(api);
  const first = 'v2/persons?limit=50';
  const persons = allPages(async (cursor) => {
    const answer = await requestJson(api, { path: cursor ?? first, ...auth, schema: page });
    return { items: answer?._data ?? [], next: answer?._meta?.links?.next?.href ?? null };
  });
  for await (const p of persons) yield { employeeId: p.id, ...(await employeeOf(api, auth, p)) };
}
