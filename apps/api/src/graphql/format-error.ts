// Every error leaves the server with a stable extensions.code from API.md and a message about
// the input, never internals, stack traces or the values a client sent (they may be personal data).
// Errors are expected by name (domain errors, a lagging projection, request errors);
// anything else is a bug or an outage: error-log.ts logs it with the request's correlation id.
// The same function shapes errors over HTTP (Apollo's formatError) and over graphql-ws
// (ws-errors.ts), so a client sees one shape on both transports.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { IdentityProviderUnavailable, UNAUTHENTICATED_MESSAGE, Unauthenticated } from '@rolebook/auth';
import { DomainError } from '@rolebook/domain';
import { EventStoreUnavailable } from '@rolebook/event-store';
import { ProjectionTimeout } from '@rolebook/projections';
import { RateLimited } from '../rate-limits/rate-limits';

type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';

const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** graphql-js echoes offending values in coercion messages; keep where, drop what. */
export const withoutValues = (message: string): string => {
  const variable = /^Variable "(\$[^"]+)" got invalid value /.exec(message);
  if (variable) {
    const path = / at "([^"]+)";/.exec(message.slice(variable[0].length));
    return `Variable "${variable[1]}" has an invalid value${path ? ` at "${path[1]}"` : ''}`;
  }
  const literal = /^(Expected value of type "[^"]+"), found /.exec(message);
  if (literal) return `${literal[1]}, found an invalid value`;
  const enumValue = /^Value "[^"]*" does not exist in ("[^"]+" enum)\./.exec(message);
  if (enumValue) return `Value does not exist in ${enumValue[1]}.${message.slice(enumValue[0].length)}`;
  const scalar = /^(\w+) cannot represent /.exec(message);
  if (scalar) return `${scalar[1]} cannot represent the value given`;
  return message;
};

const shaped = (formatted: GraphQLFormattedError, code: Code, message: string, extra: Record<string, unknown> = {}): GraphQLFormattedError => ({
  message,
  ...(formatted.locations ? { locations: formatted.locations } : {}),
  ...(formatted.path ? { path: formatted.path } : {}),
  extensions: { code, ...extra },
});

/** A request the server could not parse or validate (GraphQL's own codes). */
const isRequestError = (extensions: Readonly<Record<string, unknown>> | undefined): boolean => {
  const code = extensions?.['code'];
  return typeof code === 'string' && REQUEST_ERRORS.has(code);
};

/** The error a resolver threw, or the one the request context refused the request with (wrapped for its HTTP status). */
export const causeOf = (error: unknown): unknown => {
  const original = unwrapResolverError(error);
  return original instanceof GraphQLError && original.originalError ? original.originalError : original;
};

/** Whether an error is one the server expects (the client's to fix, or a known condition), by name. */
export const isExpected = (error: unknown, extensions: Readonly<Record<string, unknown>> | undefined): boolean => {
  const original = causeOf(error);
  return (
    original instanceof DomainError ||
    original instanceof Unauthenticated ||
    original instanceof IdentityProviderUnavailable ||
    original instanceof ProjectionTimeout ||
    original instanceof EventStoreUnavailable ||
    original instanceof RateLimited ||
    extensions?.['code'] === 'RATE_LIMITED' ||
    isRequestError(extensions)
  );
};

/** graphql-js appends ` Did you mean "a", "b"?` (fields, arguments, types, enum values): it maps the schema for a prober. */
export const withoutSuggestions = (message: string): string => message.replace(/\s*Did you mean [\s\S]*$/, '');

export interface ErrorFormatOptions {
  /** Keep graphql-js's "Did you mean" suggestions (development); off in production. */
  suggestions: boolean;
}

export const createFormatError =
  ({ suggestions }: ErrorFormatOptions) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shapedError = formatKnown(formatted, error);
    return suggestions ? shapedError : { ...shapedError, message: withoutSuggestions(shapedError.message) };
  };

const formatKnown = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const original = causeOf(error);
  // one message whatever the cause, so a caller cannot tell an unknown key from a revoked one
  if (original instanceof Unauthenticated) return shaped(formatted, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
  if (original instanceof IdentityProviderUnavailable) return shaped(formatted, 'INTERNAL_SERVER_ERROR', 'Authentication is unavailable; retry shortly');
  if (original instanceof DomainError) {
    return shaped(formatted, original.code, original.message, { reason: original.reason, ...(original.field ? { field: original.field } : {}) });
  }
  if (original instanceof RateLimited)
    return shaped(formatted, 'RATE_LIMITED', original.message, {
      reason: original.reason,
      ...(original.retryAfterSeconds !== null ? { retryAfterSeconds: original.retryAfterSeconds } : {}),
    });
  // a restart or failover of the event store: nothing was decided on a stale read, and a retry (same idempotency key) is safe
  if (original instanceof EventStoreUnavailable)
    return shaped(formatted, 'INTERNAL_SERVER_ERROR', 'The event store is unavailable; retry shortly', { reason: 'EVENT_STORE_UNAVAILABLE', retryable: true });
  if (original instanceof ProjectionTimeout)
    return shaped(formatted, 'INTERNAL_SERVER_ERROR', 'The change was recorded but is not visible yet; query again shortly');
  // a limit the server applied (graphql-ws caps, rate limits): its message and details are the server's own
  if (formatted.extensions?.['code'] === 'RATE_LIMITED') return shaped(formatted, 'RATE_LIMITED', formatted.message);
  if (isRequestError(formatted.extensions)) return shaped(formatted, 'BAD_USER_INPUT', withoutValues(formatted.message));
  return shaped(formatted, 'INTERNAL_SERVER_ERROR', 'Internal server error');
};

/** The production shape: no suggestions. */
export const formatError = createFormatError({ suggestions: false });
