// From a verified token's claims to the principal it stands for. A token whose tenant or role
// claim is missing, malformed or unknown here is Unauthenticated, not Forbidden: it identifies no
// principal of this installation (Forbidden is for a known principal whose role falls short).
import { isTenantId } from '@rolebook/domain';
import type { JWTPayload } from 'jose';
import { Unauthenticated, type Principal } from '../principal';
import { isPrintable } from '../printable';
import { isRole, LADDER, type Role } from '../roles';
import type { AuthTokenConfig, ClaimPath } from './token-config';

/** The actor is recorded with every event the request appends; an unreadable or oversized one falls back to `sub`. */
const MAX_ACTOR_LENGTH = 200;

export const readClaim = (payload: JWTPayload, path: ClaimPath): unknown =>
  (typeof path === 'string' ? [path] : path).reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined,
    payload,
  );

/**
 * Several roles (a person in several IdP groups) resolve to the highest on the ladder;
 * `integration` with any other role is refused, as an integration identity must be nothing else.
 */
export const roleFromClaim = (value: unknown, mapping: AuthTokenConfig['roleMapping']): Role | null => {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const toRole = (name: string): Role | undefined => (mapping ? (Object.hasOwn(mapping, name) ? mapping[name] : undefined) : isRole(name) ? name : undefined);
  const roles = new Set(names.map(toRole).filter(isRole));
  if (roles.has('integration')) return roles.size === 1 ? 'integration' : null;
  return [...LADDER].reverse().find((r) => roles.has(r)) ?? null;
};

/** The tenant and role the claims name (the tenant's existence is checked by the verifier). */
export const principalFromClaims = (payload: JWTPayload, config: AuthTokenConfig): Principal => {
  const tenantId = readClaim(payload, config.tenantClaim);
  if (typeof tenantId !== 'string' || !isTenantId(tenantId)) throw new Unauthenticated('TOKEN_TENANT');
  const role = roleFromClaim(readClaim(payload, config.roleClaim), config.roleMapping);
  if (!role) throw new Unauthenticated('TOKEN_ROLE');
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject === '') throw new Unauthenticated('TOKEN_CLAIMS');
  const actor = config.actorClaim === undefined ? subject : readClaim(payload, config.actorClaim);
  const displayName = typeof actor === 'string' && actor !== '' && actor.length <= MAX_ACTOR_LENGTH && isPrintable(actor) ? actor : subject;
  return { kind: 'token', id: subject, displayName, tenantId, role };
};
