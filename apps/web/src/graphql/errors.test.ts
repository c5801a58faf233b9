import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { describeError, isUnauthenticated, requiredRole } from './errors';

const answered = (message: string, code: string) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] });

describe('what a failed request means to a person', () => {
  it('a FORBIDDEN field names the role it needs', () => {
    const error = answered('This operation requires the auditor role', 'FORBIDDEN');
    expect(requiredRole(error)).toBe('auditor');
    expect(describeError(error)).toBe('You need the auditor role to see this. Ask an admin for a key with that role.');
  });

  it('a refused key signs out', () => {
    const error = answered('Authentication required', 'UNAUTHENTICATED');
    expect(isUnauthenticated(error)).toBe(true);
    expect(requiredRole(error)).toBeNull();
    expect(describeError(error)).toMatch(/sign in again/);
  });

  it('other errors are shown as the API words them, a network failure says so', () => {
    expect(describeError(answered('Person not found', 'NOT_FOUND'))).toBe('Person not found');
    expect(describeError(new CombinedError({ networkError: new Error('fetch failed') }))).toMatch(/cannot be reached/);
  });
});
