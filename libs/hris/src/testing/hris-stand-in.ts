// A local stand-in for the four HRIS APIs Rolebook reads, behaving as their documentation says:
// - BambooHR: HTTP Basic with the API key as user; GET /v1/employees/{id}/?fields=..., POST
//   /v1/reports/custom (every employee, one answer);
// - HiBob: HTTP Basic service user; POST /v1/people/{id}, POST /v1/people/search (active employees
//   only unless showInactive; one answer, no paging);
// - Personio v2: POST /v2/auth/token (form-encoded client credentials; a bearer token valid
//   `tokenTtlSeconds`, refused with 401 once expired), GET /v2/persons (cursor pages with
//   `_meta.links.next.href`), GET /v2/persons/{id}, GET /v2/persons/{id}/employments/{id};
// - Merge: bearer API key and X-Account-Token; GET /api/hris/v1/employees (`next` cursor,
//   `page_size`, `modified_after`, `expand=employments,manager`) and GET .../employees/{id}.
// Any path can be made to answer 429 with a Retry-After, or a 5xx, for the next n requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderApi } from '../clients/provider-api';

export const STAND_IN_CREDENTIALS = {
  bamboohr: { apiToken: 'bamboo-api-key' },
  hibob: { apiToken: Buffer.from('service-user:token').toString('base64') },
  personio: { clientId: 'papi-client-id', clientSecret: 'papi-client-secret' },
  merge: { apiToken: 'merge-api-key', accountToken: 'merge-account-token' },
} as const;

export interface BambooEmployee {
  id: string;
  firstName?: string;
  lastName?: string;
  workEmail?: string | null;
  jobTitle?: string | null;
  supervisorEId?: string | null;
  status?: 'Active' | 'Inactive';
  hireDate?: string;
  terminationDate?: string;
}

export interface HiBobPerson {
  id: string;
  displayName: string;
  email?: string | null;
  work?: { title?: string | null; reportsTo?: { id: string } | null; startDate?: string | null };
  internal?: { lifecycleStatus?: string; status?: 'Active' | 'Inactive'; terminationDate?: string | null };
}

export interface PersonioPerson {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name?: string;
  email?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  employment?: {
    id: string;
    position?: { title: string } | null;
    status?: 'ACTIVE' | 'INACTIVE' | 'ONBOARDING' | 'LEAVE';
    employment_start_date?: string;
    supervisor?: { id: string } | null;
    termination?: { termination_date?: string | null };
  };
}

export interface MergeStandInEmployee {
  id: string;
  first_name?: string;
  last_name?: string;
  display_full_name?: string;
  work_email?: string | null;
  manager?: string | null;
  employments: { id: string; job_title?: string | null; effective_date?: string | null }[];
  employment_status?: 'ACTIVE' | 'PENDING' | 'INACTIVE';
  start_date?: string | null;
  termination_date?: string | null;
  modified_at: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
}

export class HrisStandIn {
  readonly bamboo = new Map<string, BambooEmployee>();
  readonly hibob = new Map<string, HiBobPerson>();
  readonly personio = new Map<string, PersonioPerson>();
  readonly merge = new Map<string, MergeStandInEmployee>();
  readonly requests: RecordedRequest[] = [];
  personioPageSize = 2;
  mergePageSize = 2;
  tokenTtlSeconds = 86_400;
  tokensIssued = 0;
  private readonly tokens = new Map<string, number>();
  private faults: { status: number; retryAfter?: string; times: number }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HrisStandIn> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const standIn = new HrisStandIn(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void standIn.handle(req, res));
    return standIn;
  }

  /** The next `times` requests answer `status` (429 with this Retry-After, when given). */
  failNext(times: number, status: number, retryAfter?: string): void {
    this.faults.push({ status, retryAfter, times });
  }

  /** Every Personio token issued so far expires now. */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /** A ProviderApi for `provider` pointing here, with short backoffs for tests. */
  api(provider: keyof typeof STAND_IN_CREDENTIALS, http: ProviderApi['http'] = {}): ProviderApi {
    return { apiUrl: this.url, ...STAND_IN_CREDENTIALS[provider], http: { baseDelayMs: 5, timeoutMs: 2000, ...http } };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    const fault = this.faults[0];
    if (fault) {
      if (--fault.times <= 0) this.faults.shift();
      return send(fault.status, { error: 'stand-in fault' }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    const url = new URL(req.url ?? '/', this.url);
    const auth = req.headers.authorization ?? '';
    const json = () => (body ? (JSON.parse(body) as Record<string, unknown>) : {});
    let match: RegExpMatchArray | null;

    // BambooHR
    if ((match = url.pathname.match(/^\/v1\/employees\/([^/]+)\/$/)) && req.method === 'GET') {
      if (auth !== `Basic ${Buffer.from(`${STAND_IN_CREDENTIALS.bamboohr.apiToken}:x`).toString('base64')}`) return send(401, {});
      const e = this.bamboo.get(decodeURIComponent(match[1]!));
      if (!e) return send(404, {});
      const fields = (url.searchParams.get('fields') ?? '').split(',');
      return send(200, Object.fromEntries(Object.entries({ ...e }).filter(([k]) => k === 'id' || fields.includes(k))));
    }
    if (url.pathname === '/v1/reports/custom' && req.method === 'POST') {
      if (auth !== `Basic ${Buffer.from(`${STAND_IN_CREDENTIALS.bamboohr.apiToken}:x`).toString('base64')}`) return send(401, {});
      const fields = (json()['fields'] as string[] | undefined) ?? [];
      const employees = [...this.bamboo.values()].map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => fields.includes(k))));
      return send(200, { title: 'report', fields: fields.map((id) => ({ id, type: 'text', name: id })), employees });
    }

    // HiBob
    if (url.pathname.startsWith('/v1/people') && req.method === 'POST') {
      if (auth !== `Basic ${STAND_IN_CREDENTIALS.hibob.apiToken}`) return send(401, {});
      const request = json();
      const shape = (p: HiBobPerson) => (request['humanReadable'] === 'APPEND' ? { ...p, humanReadable: { work: { title: p.work?.title ?? null } } } : p);
      if (url.pathname === '/v1/people/search') {
        const everyone = [...this.hibob.values()].filter((p) => request['showInactive'] === true || p.internal?.status !== 'Inactive');
        return send(200, { employees: everyone.map(shape) });
      }
      if ((match = url.pathname.match(/^\/v1\/people\/([^/]+)$/))) {
        const p = this.hibob.get(decodeURIComponent(match[1]!));
        return p ? send(200, shape(p)) : send(404, {});
      }
    }

    // Personio v2
    if (url.pathname === '/v2/auth/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      const { clientId, clientSecret } = STAND_IN_CREDENTIALS.personio;
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded' || form.get('grant_type') !== 'client_credentials')
        return send(400, { error: 'invalid_request' });
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return send(401, { error: 'invalid_client' });
      const token = `papi-${++this.tokensIssued}`;
      this.tokens.set(token, Date.now() + this.tokenTtlSeconds * 1000);
      return send(200, { access_token: token, token_type: 'Bearer', expires_in: this.tokenTtlSeconds, scope: 'personio:persons:read' });
    }
    if (url.pathname.startsWith('/v2/persons')) {
      const expiry = this.tokens.get(auth.replace(/^Bearer /, ''));
      if (expiry === undefined || expiry <= Date.now()) return send(401, { errors: [{ title: 'Unauthorized' }] });
      if (url.pathname === '/v2/persons') {
        const all = [...this.personio.values()];
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), this.personioPageSize);
        const start = Number(url.searchParams.get('cursor')?.replace('cur_', '') ?? 0);
        const next = start + limit < all.length ? `${this.url}/v2/persons?limit=${limit}&cursor=cur_${start + limit}` : null;
        return send(200, {
          _data: all.slice(start, start + limit).map((p) => this.personioPerson(p)),
          _meta: { links: { self: { href: `${this.url}${url.pathname}${url.search}` }, ...(next ? { next: { href: next } } : {}) } },
        });
      }
      if ((match = url.pathname.match(/^\/v2\/persons\/([^/]+)$/))) {
        const p = this.personio.get(decodeURIComponent(match[1]!));
        return p ? send(200, this.personioPerson(p)) : send(404, { errors: [{ title: 'Person not found' }] });
      }
      if ((match = url.pathname.match(/^\/v2\/persons\/([^/]+)\/employments\/([^/]+)$/))) {
        const employment = this.personio.get(decodeURIComponent(match[1]!))?.employment;
        return employment?.id === decodeURIComponent(match[2]!) ? send(200, employment) : send(404, { errors: [{ title: 'Employment not found' }] });
      }
    }

    // Merge
    if (url.pathname.startsWith('/api/hris/v1/employees')) {
      if (auth !== `Bearer ${STAND_IN_CREDENTIALS.merge.apiToken}` || req.headers['x-account-token'] !== STAND_IN_CREDENTIALS.merge.accountToken)
        return send(401, { detail: 'Invalid credentials' });
      const expand = (url.searchParams.get('expand') ?? '').split(',');
      const shape = (e: MergeStandInEmployee) => ({
        ...e,
        employments: expand.includes('employments') ? e.employments : e.employments.map((x) => x.id),
        manager: e.manager && expand.includes('manager') ? { id: e.manager, ...this.merge.get(e.manager), employments: [] } : (e.manager ?? null),
      });
      if (url.pathname === '/api/hris/v1/employees') {
        const after = url.searchParams.get('modified_after');
        const all = [...this.merge.values()].filter((e) => !after || e.modified_at > after);
        const size = Math.min(Number(url.searchParams.get('page_size') ?? 100), this.mergePageSize);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        return send(200, {
          next: start + size < all.length ? String(start + size) : null,
          previous: start > 0 ? String(Math.max(0, start - size)) : null,
          results: all.slice(start, start + size).map(shape),
        });
      }
      if ((match = url.pathname.match(/^\/api\/hris\/v1\/employees\/([^/]+)$/))) {
        const e = this.merge.get(decodeURIComponent(match[1]!));
        return e ? send(200, shape(e)) : send(404, { detail: 'Not found.' });
      }
    }
    return send(404, {});
  }

  private personioPerson(p: PersonioPerson) {
    const { employment, ...person } = p;
    return { ...person, status: p.status ?? 'ACTIVE', employments: employment ? [{ id: employment.id }] : [] };
  }
}
