// Builds the per-request context from the authenticated principal: the tenant is the principal's
// (a request naming another tenant is FORBIDDEN), the actor recorded on events is the principal
// (x-actor-id is refused), and the correlation id is the caller's x-correlation-id or a new one.
import { Forbidden, isStaffRole, OtherTenant, type Authenticator, type Principal } from '@rolebook/auth';
import { InvalidInput } from '@rolebook/domain';
import type { RequestContext } from '@rolebook/application';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export interface GqlContext {
  principal: Principal;
  tenantId: string;
  actor: string;
  correlationId: string;
}

type Headers = Record<string, string | string[] | undefined>;

const headerValue = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The actor recorded on a principal's events: it says which kind of principal acted, so no key or token can pass for `hris:*` or `system`. */
export const actorOf = (principal: Principal): string =>
  `${principal.kind === 'api-key' ? 'key' : principal.kind === 'token' ? 'user' : 'local'}:${principal.displayName}`;

/** AUTH=off: every request acts as an admin of the default tenant (local experiments only). */
export const localPrincipal = (tenantId: string): Principal => ({ kind: 'local', id: 'auth-off', displayName: 'auth-off', tenantId, role: 'admin' });

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

export const authenticateWith =
  (authenticator: Authenticator | null, defaultTenant: string): Authenticate =>
  async (authorization) =>
    authenticator ? authenticator.authenticate(authorization, new Date().toISOString()) : localPrincipal(defaultTenant);

/** The context of a request whose principal is known, checked against what the request says of itself. */
export const contextFor = (principal: Principal, headers: Headers): GqlContext => {
  // an integration only delivers webhooks (signed deliveries, not GraphQL): not even __typename
  if (!isStaffRole(principal.role)) throw new Forbidden('viewer');
  const tenant = header(headers, 'x-tenant-id');
  // a principal belongs to one tenant; naming another is refused, never a way in
  if (tenant !== undefined && tenant !== principal.tenantId) throw new OtherTenant();
  if (header(headers, 'x-actor-id') !== undefined)
    throw new InvalidInput('ACTOR_HEADER_REFUSED', 'x-actor-id is not accepted: the actor is the authenticated principal', 'x-actor-id');
  const raw = header(headers, 'x-correlation-id');
  let correlationId: string = randomUUID();
  if (raw !== undefined) {
    const parsed = headerValue.safeParse(raw);
    if (!parsed.success) throw new InvalidInput('INVALID_HEADER', `x-correlation-id ${parsed.error.issues[0]!.message}`, 'x-correlation-id');
    correlationId = parsed.data;
  }
  return { principal, tenantId: principal.tenantId, actor: actorOf(principal), correlationId };
};

export interface MutationFields {
  idempotencyKey?: string | null;
  expectedVersion?: number | null;
  reason?: string | null;
}

const mutationFields = z.object({
  idempotencyKey: z.string().min(1).max(200).nullish(),
  expectedVersion: z.number().int().min(0).nullish(),
  reason: z.string().trim().min(1).max(2000).nullish(),
});

/** The command context of a mutation: who, why, and its concurrency and idempotency guards. */
export const commandContext = (gql: GqlContext, input: MutationFields): RequestContext => {
  const parsed = mutationFields.safeParse({ idempotencyKey: input.idempotencyKey, expectedVersion: input.expectedVersion, reason: input.reason });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput('INVALID_INPUT', `input.${issue.path.join('.')} ${issue.message}`, `input.${issue.path.join('.')}`);
  }
  return {
    tenantId: gql.tenantId,
    actor: gql.actor,
    source: 'api',
    correlationId: gql.correlationId,
    causationId: gql.correlationId,
    reason: parsed.data.reason ?? null,
    idempotencyKey: parsed.data.idempotencyKey ?? null,
    expectedVersion: parsed.data.expectedVersion ?? null,
  };
};
