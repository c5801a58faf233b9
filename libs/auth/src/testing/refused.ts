// The one way authentication refuses, as the tests of every authenticating piece expect it: an
// Unauthenticated with its reason for the logs and the one message every caller sees.
import { Unauthenticated, UNAUTHENTICATED_MESSAGE, type UnauthenticatedReason } from '../principal';

export const expectUnauthenticated = async (promise: Promise<unknown>, reason: UnauthenticatedReason): Promise<void> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Unauthenticated);
  expect((error as Unauthenticated).reason).toBe(reason);
  expect((error as Unauthenticated).message).toBe(UNAUTHENTICATED_MESSAGE);
};
