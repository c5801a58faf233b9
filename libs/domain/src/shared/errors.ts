// Typed domain errors. `code` is the stable API error code; `reason` a stable,
// machine-readable rule name. Messages never contain personal data.

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    readonly reason: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a business rule; nothing was changed. */
export class InvalidInput extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
}

/** A rule of the organization forbids this change. */
export class RuleViolation extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entity: string, field?: string) {
    super(`${entity.toUpperCase().replace(/ /g, '_')}_NOT_FOUND`, `${entity} not found`, field);
  }
}

/** The entity changed since the caller read it, or already exists. */
export class Conflict extends DomainError {
  readonly code = 'CONFLICT' as const;
}
