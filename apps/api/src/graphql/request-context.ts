// Builds the per-request context (tenant, actor, correlation) from HTTP headers. There is no
// authentication yet: the headers are trusted, and the README says so.
import { InvalidInput, isTenantId } from '@rolebook/domain';
import type { RequestContext } from '@rolebook/application';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export interface GqlContext {
  tenantId: string;
  actor: string;
  correlationId: string;
}

const headerValue = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const contextFromHeaders = (headers: Record<string, string | string[] | undefined>, defaultTenant: string): GqlContext => {
  const tenantId = header(headers, 'x-tenant-id') ?? defaultTenant;
  if (!isTenantId(tenantId)) throw new InvalidInput('INVALID_TENANT', 'x-tenant-id must be a lowercase slug', 'x-tenant-id');
  const pick = (name: string, fallback: string) => {
    const raw = header(headers, name);
    if (raw === undefined) return fallback;
    const parsed = headerValue.safeParse(raw);
    if (!parsed.success) throw new InvalidInput('INVALID_HEADER', `${name} ${parsed.error.issues[0]!.message}`, name);
    return parsed.data;
  };
  return { tenantId, actor: pick('x-actor-id', 'anonymous'), correlationId: pick('x-correlation-id', randomUUID()) };
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
