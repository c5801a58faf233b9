import { GraphQLError } from 'graphql';
import { Conflict } from '@rolebook/domain';
import { EventStoreUnavailable } from '@rolebook/event-store';
import { RateLimited } from '../rate-limits/rate-limits';
import { formatError, withoutValues } from './format-error';

const format = formatError;

describe('formatError', () => {
  it('keeps where a variable is wrong but not its value', () =>
    expect(withoutValues('Variable "$i" got invalid value "ada@example.com" at "i.effectiveAt"; DateTime cannot represent ada@example.com')).toBe(
      'Variable "$i" has an invalid value at "i.effectiveAt"',
    ));
  it('drops values from literal and scalar messages', () => {
    expect(withoutValues('Expected value of type "Int!", found "ada"; Int cannot represent non-integer value: "ada"')).toBe(
      'Expected value of type "Int!", found an invalid value',
    );
    expect(withoutValues('DateTime cannot represent an invalid date-time-string ada@example.com.')).toBe('DateTime cannot represent the value given');
  });
  it('gives domain errors their code, reason and field', () =>
    expect(format({ message: 'x', path: ['reviseRole'] }, new Conflict('VERSION_MISMATCH', 'stale', 'expectedVersion'))).toEqual({
      message: 'stale',
      path: ['reviseRole'],
      extensions: { code: 'CONFLICT', reason: 'VERSION_MISMATCH', field: 'expectedVersion' },
    }));
  it('hides everything about an unexpected error', () =>
    expect(
      format(
        { message: 'SqliteError: disk I/O at /secret/path', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['...'] } },
        new Error('SqliteError: disk I/O'),
      ),
    ).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    }));
  it('tells a client to retry when the event store is away (a restart, a failover), naming no internals', () =>
    expect(format({ message: 'UnavailableError: 14 UNAVAILABLE: No connection established' }, new EventStoreUnavailable(new Error('14 UNAVAILABLE')))).toEqual({
      message: 'The event store is unavailable; retry shortly',
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'EVENT_STORE_UNAVAILABLE', retryable: true },
    }));
  it('maps request validation failures to BAD_USER_INPUT', () =>
    expect(format({ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError('x')).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    }));
  it('gives a rate-limit refusal its code, reason and wait, without its HTTP head', () => {
    const refusal = new RateLimited('PER_OPERATION', 'Too many runDriftCheck requests; retry in 12 s', 12);
    const wrapped = new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });
    expect(format({ message: refusal.message, extensions: { code: 'RATE_LIMITED', http: { status: 429 } } }, wrapped)).toEqual({
      message: 'Too many runDriftCheck requests; retry in 12 s',
      extensions: { code: 'RATE_LIMITED', reason: 'PER_OPERATION', retryAfterSeconds: 12 },
    });
    expect(format({ message: 'x' }, new RateLimited('SUBSCRIPTIONS_PER_CONNECTION', 'Too many subscriptions', null)).extensions).toEqual({
      code: 'RATE_LIMITED',
      reason: 'SUBSCRIPTIONS_PER_CONNECTION',
    });
  });
});
