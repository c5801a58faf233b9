// Who a request acts as, and the two ways it can be refused. A principal belongs to exactly one
// tenant; every read and write of the request is scoped to it.
import { DomainError } from '@rolebook/domain';
import { grants, type Role } from './roles';

export interface Principal {
  kind: 'api-key' | 'token' | 'local';
  /** The API key id, or the token's subject (`sub`). */
  id: string;
  /** Recorded as the actor of the events the request appends. */
  displayName: string;
  tenantId: string;
  role: Role;
}

/**
 * Why authentication failed, for logs and metrics only: the client always gets the same message,
 * so it cannot tell an unknown key from a revoked one or a wrong audience from a bad signature.
 */
export type UnauthenticatedReason =
  | 'MISSING_CREDENTIALS'
  | 'MALFORMED_CREDENTIALS'
  | 'UNKNOWN_KEY'
  | 'WRONG_SECRET'
  | 'REVOKED'
  | 'EXPIRED'
  | 'TOKENS_DISABLED'
  | 'TOKEN_INVALID'
  | 'TOKEN_SIGNATURE'
  | 'TOKEN_ALGORITHM'
  | 'TOKEN_UNKNOWN_KEY'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_CLAIMS'
  | 'TOKEN_TENANT'
  | 'TOKEN_ROLE';

export const UNAUTHENTICATED_MESSAGE = 'Authentication required';

/**
 * Not a DomainError on purpose: the API shows a DomainError's reason to the client, and the reason
 * here must stay in the logs.
 */
export class Unauthenticated extends Error {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(readonly reason: UnauthenticatedReason) {
    super(UNAUTHENTICATED_MESSAGE);
    this.name = 'Unauthenticated';
  }
}

/** The principal is known but its role does not allow the operation; says which role would. */
export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(readonly required: Role) {
    super('ROLE_REQUIRED', `This operation requires the ${required} role`);
  }
}

/** The request names a tenant other than the principal's: a principal belongs to one tenant only. */
export class OtherTenant extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor() {
    super('OTHER_TENANT', "The request names a tenant other than the caller's", 'x-tenant-id');
  }
}

/** Throws Forbidden unless the principal's role grants `required`. */
export const requireRole = (principal: Principal, required: Role): void => {
  if (!grants(principal.role, required)) throw new Forbidden(required);
};
