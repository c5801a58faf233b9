// What a failed request means to a person: signed out, missing a role, or something else.
import type { CombinedError } from 'urql';

const codeOf = (error: CombinedError): string | undefined => {
  const codes = error.graphQLErrors.map((e) => e.extensions?.['code']).filter((c): c is string => typeof c === 'string');
  return codes[0];
};

export const isUnauthenticated = (error: CombinedError): boolean =>
  codeOf(error) === 'UNAUTHENTICATED' || (error.response as Response | undefined)?.status === 401;

/** The role a FORBIDDEN answer names ("This operation requires the editor role"), if it was that. */
export const requiredRole = (error: CombinedError): string | null => {
  if (codeOf(error) !== 'FORBIDDEN') return null;
  const message = error.graphQLErrors.find((e) => e.extensions?.['code'] === 'FORBIDDEN')?.message ?? '';
  return /requires the (\w+) role/.exec(message)?.[1] ?? 'another';
};

export const describeError = (error: CombinedError): string => {
  const role = requiredRole(error);
  if (role) return `You need the ${role} role to see this. Ask an admin for a key with that role.`;
  if (isUnauthenticated(error)) return 'Your key was refused or has expired: sign in again.';
  if (error.networkError) return 'The Rolebook API cannot be reached. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  return first ? first.message : error.message;
};
