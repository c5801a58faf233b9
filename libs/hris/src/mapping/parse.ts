// A delivery's body in, employee changes out. Two questions, kept apart: is it what the provider
// sends at all (JSON in the provider's envelope; a 400 otherwise, nothing recorded), and what does
// it say (an event Rolebook does not map or data not as documented: recorded and parked with a
// reason code, replayable once Rolebook reads it). One payload module per provider.
import type { Provider } from '../providers';
import { bambooHrPayload } from './bamboohr-payload';
import { MalformedPayload, type EmployeeChange } from './employee-change';
import { hiBobPayload } from './hibob-payload';
import { mergePayload } from './merge-payload';
import type { PayloadReader } from './payload-reader';
import { personioPayload } from './personio-payload';
import { standardPayload } from './standard-payload';

const READERS: Record<Provider, PayloadReader> = {
  standard: standardPayload,
  bamboohr: bambooHrPayload,
  hibob: hiBobPayload,
  personio: personioPayload,
  merge: mergePayload,
};

/** The body as JSON in the provider's envelope; MalformedPayload when it cannot be what the provider sends. */
export const checkEnvelope = (provider: Provider, raw: Buffer): unknown => {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new MalformedPayload(provider, 'not JSON');
  }
  if (!READERS[provider].envelope.safeParse(body).success) throw new MalformedPayload(provider, `not in the ${provider} envelope`);
  return body;
};

/** The employee changes a verified delivery carries: MalformedPayload (no envelope) or UnmappableDelivery (parked, with its reason). */
export const parsePayload = (provider: Provider, raw: Buffer): EmployeeChange[] => READERS[provider].read(checkEnvelope(provider, raw));
