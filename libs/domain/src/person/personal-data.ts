// Which recorded facts are personal data, and whose. The domain says what is personal; sealing it
// (encryption with the person's data key) is done around the domain, where events are written
// and read (@rolebook/privacy), and the read model scrubs the same fields when a person is erased.
import type { OrgEventType } from '../catalog';
import type { AggregateKind } from '../shared/streams';

/** The fields of an event's data that hold personal data of the event's subject. */
export const PERSONAL_DATA_FIELDS: Readonly<Partial<Record<OrgEventType, readonly string[]>>> = {
  PersonRegistered: ['name', 'email'],
  PersonDetailsUpdated: ['name', 'email'],
};

/** Team events about one person: their free-text reason may name that person. */
const PERSON_TEAM_EVENTS: readonly string[] = ['TeamMemberAdded', 'TeamMemberRemoved'];

/**
 * Events whose reason is not the subject's personal data. The erasure's own reason is recorded in
 * the clear (the subject's key is destroyed with it, a sealed reason could never be read): it
 * must say why (a request reference), never who.
 */
export const PLAIN_REASON_EVENTS: readonly string[] = ['PersonalDataErased'];

/**
 * The person an event is about, whose key seals its personal fields and its reason: the person of
 * a person stream, the member of a team membership event; null for any other event.
 */
export const personalDataSubject = (kind: AggregateKind, entityId: string, type: string, data: unknown): string | null => {
  if (kind === 'person') return entityId;
  if (kind === 'team' && PERSON_TEAM_EVENTS.includes(type)) {
    const personId = (data as { personId?: unknown } | null)?.personId;
    return typeof personId === 'string' ? personId : null;
  }
  return null;
};

/** The personal fields of an event type's data (none for most). */
export const personalDataFields = (type: string): readonly string[] => PERSONAL_DATA_FIELDS[type as OrgEventType] ?? [];

/** Whether an event's free-text reason is sealed with its subject's key (when it has a subject). */
export const reasonIsPersonal = (type: string): boolean => !PLAIN_REASON_EVENTS.includes(type);

/** Team event types whose reason belongs to the member (the read model scrubs them by the member's id). */
export const PERSONAL_TEAM_EVENT_TYPES = PERSON_TEAM_EVENTS;
