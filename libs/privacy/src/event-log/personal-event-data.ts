// The personal fields of one event of the log, sealed before it is appended and opened when it is
// read. What is personal, and whose, is the domain's word (personalDataSubject,
// personalDataFields, reasonIsPersonal); this file only applies the person's key to it:
// - data fields (a person's name and email) are sealed under the person's key;
// - metadata.reason, free text that may name the person, is sealed under the same key when it is
//   a string (a null reason says nothing and stays null);
// - everything else (ids, types, titles, dates, actor, correlation) stays in the clear: the org
//   structure must stay readable after an erasure.
import { RuleViolation, parseStoredType, parseStreamName, personalDataFields, personalDataSubject, reasonIsPersonal } from '@rolebook/domain';
import type { NewEvent, RecordedEvent } from '@rolebook/event-store';
import { SubjectErased } from '../errors';
import type { PersonalDataProtector } from '../personal-data';
import { isSealed } from '../sealed-value';

/** Whose personal data an event of `stream` holds, if anyone's. */
export const subjectOf = (stream: string, storedType: string, data: unknown): { tenantId: string; subjectId: string; type: string } | null => {
  const parsed = parseStreamName(stream);
  if (!parsed) return null;
  const { type } = parseStoredType(storedType);
  const subjectId = personalDataSubject(parsed.kind, parsed.id, type, data);
  return subjectId === null ? null : { tenantId: parsed.tenantId, subjectId, type };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields of `record` among `fields` that hold a value not sealed yet. */
const plainFields = (record: unknown, fields: readonly string[]): string[] =>
  isRecord(record) ? fields.filter((f) => record[f] !== undefined && !isSealed(record[f])) : [];

/**
 * The event with its personal fields sealed; fields already sealed (an event copied from a sealed
 * log) stay as they are. Writing personal data about an erased person is refused with a typed
 * error (PERSONAL_DATA_ERASED): the decider refuses a new name or email, so this meets a reason
 * sent with a change of an erased person, or a write racing the erasure.
 */
export const sealEvent = async (protector: PersonalDataProtector, stream: string, event: NewEvent): Promise<NewEvent> => {
  const subject = subjectOf(stream, event.type, event.data);
  if (!subject) return event;
  const { tenantId, subjectId, type } = subject;
  try {
    const fields = plainFields(event.data, personalDataFields(type));
    const data = fields.length > 0 && isRecord(event.data) ? await protector.seal(tenantId, subjectId, event.data, fields) : event.data;
    const reason = reasonIsPersonal(type) && typeof event.metadata['reason'] === 'string';
    const metadata = reason ? await protector.seal(tenantId, subjectId, event.metadata, ['reason']) : event.metadata;
    return { ...event, data, metadata };
  } catch (error) {
    if (!(error instanceof SubjectErased)) throw error;
    const field = plainFields(event.data, personalDataFields(type)).length > 0 ? 'personId' : 'reason';
    throw new RuleViolation(
      'PERSONAL_DATA_ERASED',
      "the person's personal data was erased; no personal data (a name, an email, a reason) is recorded about them again",
      field,
    );
  }
};

/**
 * The event with its plain personal fields replaced by their placeholders, as a reader sees them
 * once the subject was erased: for copying a plain history of someone erased before it was sealed.
 */
export const erasedEvent = (protector: PersonalDataProtector, stream: string, event: NewEvent): NewEvent => {
  const subject = subjectOf(stream, event.type, event.data);
  if (!subject) return event;
  const placeholders = (record: Record<string, unknown>, fields: readonly string[]) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fields.includes(k) && !isSealed(v) ? protector.placeholderFor(k) : v]));
  const data = isRecord(event.data) ? placeholders(event.data, personalDataFields(subject.type)) : event.data;
  const reason = reasonIsPersonal(subject.type) && typeof event.metadata['reason'] === 'string';
  return { ...event, data, metadata: reason ? placeholders(event.metadata, ['reason']) : event.metadata };
};

/**
 * An event of a log written (partly) before sealing existed, as a sealing copy of that log writes
 * it: its plain personal fields sealed, or replaced by their placeholders when the person was
 * erased before the copy (`erased: true`), as the log reads for them. Sealed fields stay as they are.
 */
export const sealForCopy = async (protector: PersonalDataProtector, stream: string, event: NewEvent): Promise<{ event: NewEvent; erased: boolean }> => {
  try {
    return { event: await sealEvent(protector, stream, event), erased: false };
  } catch (error) {
    if (!(error instanceof RuleViolation && error.reason === 'PERSONAL_DATA_ERASED')) throw error;
    return { event: erasedEvent(protector, stream, event), erased: true };
  }
};

/**
 * The event with its sealed fields opened, or read as their placeholders once the person was
 * erased. Plain values (written before sealing existed) pass through unchanged. An altered value
 * (UnreadableSealedValue) or a key store that lost the person's key (MissingDataKey) throws.
 */
export const openEvent = async (protector: PersonalDataProtector, event: RecordedEvent): Promise<RecordedEvent> => {
  const subject = subjectOf(event.stream, event.type, event.data);
  if (!subject) return event;
  const { tenantId, subjectId } = subject;
  const data = isRecord(event.data) ? await protector.open(tenantId, subjectId, event.data) : event.data;
  const metadata = await protector.open(tenantId, subjectId, event.metadata);
  return { ...event, data, metadata };
};
