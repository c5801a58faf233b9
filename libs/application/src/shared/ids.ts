// Ids derived from an idempotency key, so that a retried request names the same entity and
// produces the same event ids (the store then recognises the append as a retry).
import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '6f1d7d0e-6c9a-4a55-9a57-8f0e4f0b7a31';

export const derivedId = (key: string | null, ...scope: string[]): string => (key === null ? randomUUID() : uuidv5([...scope, key].join('\u0000'), NAMESPACE));

/** Stable hash of a request's validated fields, to refuse a reused key with other input. */
export const requestHash = (command: unknown): string => createHash('sha256').update(JSON.stringify(command)).digest('base64url');
