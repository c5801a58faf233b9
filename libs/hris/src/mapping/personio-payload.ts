// Personio webhooks (API v2, https://developer.personio.de/v2.0/reference/webhooks): dataless
// notifications in one envelope, `{company_id, event_name, occurred_at, payload, meta?}` (its
// documentation gives the JSON schema), naming the person (and the employment) only; the details
// come from its v2 API (GET /v2/persons/{id} and the employment it names). The documentation we
// hold does not show the payload's fields, so the person's id is read from `person_id`,
// `person.id`, or `id` on person.* events; a payload naming none is parked as INVALID_EVENT_DATA.
import { z } from 'zod';
import { instantOf, type EmployeeChange } from './employee-change';
import { anyObject, eventData, eventOf, id, type PayloadReader } from './payload-reader';

// employment.started / .terminated fire on the day the employment starts or ends; the employment
// the API returns says when (and whether) it did
const EVENTS: Record<string, { kind: EmployeeChange['kind']; thin: boolean }> = {
  'person.created': { kind: 'hire', thin: true },
  'person.updated': { kind: 'update', thin: true },
  'person.deleted': { kind: 'termination', thin: false },
  'employment.created': { kind: 'update', thin: true },
  'employment.updated': { kind: 'update', thin: true },
  'employment.deleted': { kind: 'update', thin: true },
  'employment.started': { kind: 'hire', thin: true },
  'employment.terminated': { kind: 'update', thin: true },
};

const envelope = z.object({
  company_id: z.union([z.string(), z.number()]),
  event_name: z.string().min(1),
  occurred_at: z.string().min(1),
  payload: anyObject,
  meta: anyObject.nullish(),
});

const personIdOf = (event: string, payload: Record<string, unknown>): unknown => {
  const person = payload['person'];
  return (
    payload['person_id'] ??
    (typeof person === 'object' && person !== null ? (person as Record<string, unknown>)['id'] : undefined) ??
    (event.startsWith('person.') ? payload['id'] : undefined)
  );
};

export const personioPayload: PayloadReader = {
  envelope,
  read: (body) => {
    const { event_name, occurred_at, payload } = envelope.parse(body);
    const { kind, thin } = eventOf('personio', EVENTS, event_name);
    const employeeId = eventData('personio', id, personIdOf(event_name, payload));
    return [{ kind, employeeId, effectiveAt: instantOf(occurred_at), fields: {}, thin }];
  },
};
