// Ids derived from an idempotency key, so that a retried request names the same entity and
// produces the same event ids (the store then recognises the append as a retry).
import { createHmac, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '6f1d7d0e-6c9a-4a55-9a57-8f0e4f0b7a31';

export const derivedId = (key: string | null, ...scope: string[]): string => (key === null ? randomUUID() : uuidv5([...scope, key].join('\u0000'), NAMESPACE));

/** Stable hash of what a caller sent, to refuse a reused idempotency key with other input. */
export type RequestHasher = (request: unknown) => string;

/**
 * Keyed with the installation's secret: the request holds personal data (names, emails), and its
 * hash is stored in the log and shapes event ids, so an unkeyed hash would let anyone holding the
 * log confirm a guessed request, even after the person's data was erased.
 */
export const keyedRequestHasher = (secret: string): RequestHasher => {
  const key = createHmac('sha256', secret).update('rolebook request hash v1').digest();
  return (request) => createHmac('sha256', key).update(JSON.stringify(request)).digest('base64url');
};
