// Calls to an HRIS vendor's API, made as a good citizen: a timeout per attempt, retries with
// exponential backoff on 429, 5xx and network failures honouring `Retry-After` (seconds or an HTTP
// date), a cap on the total time spent waiting, and one fresh credential on 401 when the caller can
// get one (an expired OAuth token). 404 answers null (the HRIS does not know the employee). Errors
// name the host and the status only: never a body, a credential or personal data.
import type { z } from 'zod';

/** Where a provider's API is and the credentials it takes (each provider uses its own; see the clients). */
export interface ProviderApi {
  apiUrl: string;
  /** BambooHR: the API key; HiBob: base64 of `serviceUserId:token`; Merge: the API key. */
  apiToken?: string;
  /** Merge: the linked account's token (`X-Account-Token`). */
  accountToken?: string;
  /** Personio: OAuth2 client credentials (`POST /v2/auth/token`). */
  clientId?: string;
  clientSecret?: string;
  http?: HttpPolicy;
}

export interface HttpPolicy {
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** Backoff before retry n (1-based) without Retry-After: baseDelayMs × 2ⁿ⁻¹, with jitter. */
  baseDelayMs?: number;
  /** Total time one request may spend waiting between attempts; a Retry-After beyond it gives up at once. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { timeoutMs: 10_000, maxAttempts: 5, baseDelayMs: 500, maxWaitMs: 30_000 };

/** A vendor's API failed for good; `status` is null when it never answered (timeouts, network). */
export class ProviderApiError extends Error {
  constructor(
    readonly host: string,
    readonly status: number | null,
    /** The answer came, but not in the shape its documentation gives (neither its text nor the mismatch is told: they may hold personal data). */
    readonly unreadable = false,
  ) {
    super(status === null ? `${host} did not answer` : unreadable ? `${host} answered ${status} with a body not as documented` : `${host} answered ${status}`);
    this.name = 'ProviderApiError';
  }
}

/** The provider's API is not configured for this tenant (no credentials): nothing to retry until it is. */
export class ProviderApiNotConfigured extends Error {
  constructor(readonly provider: string) {
    super(`The ${provider} API is not configured for this tenant`);
    this.name = 'ProviderApiNotConfigured';
  }
}

export interface JsonRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST';
  /** A path under apiUrl, or an absolute URL on apiUrl's origin (a vendor's own "next page" link). */
  path: string;
  schema: S;
  /** The Authorization header, asked again after a 401 when `refreshAuthorization` is given. */
  authorization?: () => Promise<string> | string;
  /** Drops a cached credential after a 401; the request is then tried once more. */
  refreshAuthorization?: () => void;
  headers?: Record<string, string>;
  /** JSON, or form fields (sent as application/x-www-form-urlencoded). */
  body?: { json: unknown } | { form: Record<string, string> };
}

const RETRYABLE = (status: number) => status === 429 || (status >= 500 && status !== 501);

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export const retryAfterMs = (value: string | null, now = Date.now()): number | null => {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
};

export const urlOf = (api: ProviderApi, path: string): URL => {
  const base = new URL(api.apiUrl.endsWith('/') ? api.apiUrl : `${api.apiUrl}/`);
  const url = new URL(path.replace(/^\//, ''), base);
  // a "next" link elsewhere would take the credentials with it
  if (url.origin !== base.origin) throw new ProviderApiError(base.host, null);
  return url;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One JSON request, retried as the policy says; null for 404. */
export const requestJson = async <S extends z.ZodType>(api: ProviderApi, request: JsonRequest<S>): Promise<z.output<S> | null> => {
  const policy = { ...DEFAULTS, ...api.http };
  const sleep = api.http?.sleep ?? defaultSleep;
  const url = urlOf(api, request.path);
  const body =
    request.body === undefined
      ? undefined
      : 'json' in request.body
        ? { text: JSON.stringify(request.body.json), type: 'application/json' }
        : { text: new URLSearchParams(request.body.form).toString(), type: 'application/x-www-form-urlencoded' };
  let waited = 0;
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    // asked before the call: a credential that cannot be had is its own failure, not a network one
    const authorization: Record<string, string> = request.authorization ? { authorization: await request.authorization() } : {};
    // a timeout or a network failure: retried like a 5xx
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...authorization,
        ...(body ? { 'content-type': body.type } : {}),
        ...request.headers,
      },
      body: body?.text,
      signal: AbortSignal.timeout(policy.timeoutMs),
    }).catch(() => null);
    if (response?.ok) {
      // JSON.parse's and zod's messages quote what they read: neither leaves this function
      const parsed = request.schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new ProviderApiError(url.host, response.status, true);
      return parsed.data;
    }
    if (response?.status === 404) return null;
    if (response?.status === 401 && request.refreshAuthorization && !refreshed) {
      refreshed = true;
      request.refreshAuthorization();
      continue;
    }
    const status = response?.status ?? null;
    if ((status !== null && !RETRYABLE(status)) || attempt >= policy.maxAttempts) throw new ProviderApiError(url.host, status);
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    const delay = retryAfterMs(response?.headers.get('retry-after') ?? null) ?? backoff;
    if (waited + delay > policy.maxWaitMs) throw new ProviderApiError(url.host, status);
    waited += delay;
    await sleep(delay);
  }
};

/** Every item of a cursor-paged list, to the end; a cursor that comes round again is an error, not a loop. */
export async function* allPages<T>(page: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>): AsyncIterable<T> {
  const seen = new Set<string>();
  for (let cursor: string | null = null; ;) {
    const { items, next } = await page(cursor);
    yield* items;
    if (!next) return;
    if (seen.has(next)) throw new Error('A provider API handed out the same page cursor twice');
    seen.add(next);
    cursor = next;
  }
}
