// What every ApiKeyStore adapter does the same way: validate and issue a key, check a presented
// key against its stored row, decide when to record its last use. Adapters only store rows.
import { InvalidInput, isTenantId, NotFound, parse, toInstant, type Instant } from '@rolebook/domain';
import { z } from 'zod';
import { Unauthenticated, type Principal } from '../principal';
import { isPrintable } from '../printable';
import { ROLES, type Role } from '../roles';
import { newApiKey, parseApiKey } from './api-key-token';
import type { ApiKeyRecord, StoredApiKey } from './api-key-store';
import { sameHash, type KeyHasher } from './key-hasher';

/**
 * The last use is written at most once per key per minute: a key used on every request would
 * otherwise turn every read into a write (and, on PostgreSQL, contend on one row across replicas).
 */
export const LAST_USE_RESOLUTION_MS = 60_000;

const keyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(100, { message: 'must be at most 100 characters' })
    .refine(isPrintable, { message: 'must not contain control or format characters' }),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' })
    .transform((s) => toInstant(new Date(s)))
    .nullable(),
});

export const tenantNotFound = (): NotFound => new NotFound('Tenant', 'tenantId');

export const keyNotFound = (): NotFound => new NotFound('API key', 'keyId');

/** A new key ready to store, and its plaintext to show once. */
export const issueApiKey = (
  hasher: KeyHasher,
  tenantId: string,
  name: string,
  role: Role,
  expiresAt: Instant | null,
  now: Instant,
): { stored: StoredApiKey; plaintext: string } => {
  if (!isTenantId(tenantId)) throw tenantNotFound();
  const input = parse(keyInput, { name, role, expiresAt });
  if (input.expiresAt !== null && input.expiresAt <= now) throw new InvalidInput('EXPIRY_NOT_IN_FUTURE', 'expiresAt must be in the future', 'expiresAt');
  const { keyId, secret, plaintext } = newApiKey();
  return {
    stored: {
      id: keyId,
      tenantId,
      name: input.name,
      role: input.role,
      createdAt: now,
      expiresAt: input.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      secretHash: hasher.hash(keyId, secret),
    },
    plaintext,
  };
};

/**
 * The stored key a plaintext proves, or Unauthenticated. The hash is computed before the lookup so
 * an unknown key id and a wrong secret cost the same.
 */
export const checkApiKey = async (
  hasher: KeyHasher,
  plaintext: string,
  now: Instant,
  find: (keyId: string) => Promise<StoredApiKey | null>,
): Promise<StoredApiKey> => {
  const parts = parseApiKey(plaintext);
  if (!parts) throw new Unauthenticated('MALFORMED_CREDENTIALS');
  const presented = hasher.hash(parts.keyId, parts.secret);
  const key = await find(parts.keyId);
  if (!key) throw new Unauthenticated('UNKNOWN_KEY');
  if (!sameHash(key.secretHash, presented)) throw new Unauthenticated('WRONG_SECRET');
  // revoked from the moment it is recorded, whatever the clocks of the replicas say
  if (key.revokedAt !== null) throw new Unauthenticated('REVOKED');
  if (key.expiresAt !== null && key.expiresAt <= now) throw new Unauthenticated('EXPIRED');
  return key;
};

/** A last use recorded at or before this instant is stale and may be overwritten with `now`. */
export const lastUseStaleBefore = (now: Instant): Instant => toInstant(new Date(Date.parse(now) - LAST_USE_RESOLUTION_MS));

export const lastUseDue = (key: ApiKeyRecord, now: Instant): boolean => key.lastUsedAt === null || key.lastUsedAt <= lastUseStaleBefore(now);

export const principalOf = (key: ApiKeyRecord): Principal => ({ kind: 'api-key', id: key.id, displayName: key.name, tenantId: key.tenantId, role: key.role });

export const withoutHash = ({ secretHash: _, ...record }: StoredApiKey): ApiKeyRecord => record;
