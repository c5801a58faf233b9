// An EventStore around another one that keeps personal data out of the log: every append seals
// the personal fields of person events (personal-event-data.ts) before they reach the store,
// every read (a stream, the global log, a subscription) opens them, or reads them as placeholders
// once the person was erased. The runtime composes it around whichever store is configured
// (SQLite or KurrentDB), so the command executor, the projectors, rebuilds and migrations all see
// the same plain events and the store only ever holds ciphertext.
//
// A PersonalDataErased event read from the log destroys the person's key in the key store if it
// is still there (idempotent): the log is the record of the erasure, so a process that learns of
// it by projecting it stops using a key it holds in memory at once, and a key store restored from
// a backup taken before the erasure is erased again as soon as the log is read.
import { parseStoredType } from '@rolebook/domain';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '@rolebook/event-store';
import type { PersonalDataProtector } from '../personal-data';
import { openEvent, sealEvent, subjectOf } from './personal-event-data';

export class SealingEventStore implements EventStore {
  /** Erasures this process has made sure of: the key store is asked once per person. */
  private readonly enforced = new Set<string>();

  constructor(
    readonly inner: EventStore,
    private readonly protector: PersonalDataProtector,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(stream, await this.sealAll(stream, events), expected);
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    // the people's keys in one go (creating each new person's key is otherwise a write of its own)
    const subjects = new Map<string, string[]>();
    for (const { stream, events } of appends) {
      for (const event of events) {
        const subject = subjectOf(stream, event.type, event.data);
        if (subject) subjects.set(subject.tenantId, [...(subjects.get(subject.tenantId) ?? []), subject.subjectId]);
      }
    }
    for (const [tenantId, ids] of subjects) await this.protector.prepareKeys(tenantId, ids);
    const sealed: StreamAppend[] = [];
    for (const { stream, events, expected } of appends) sealed.push({ stream, events: await this.sealAll(stream, events), expected });
    return this.inner.appendMany(sealed);
  }

  private async sealAll(stream: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await sealEvent(this.protector, stream, event));
    return sealed;
  }

  async readStream(stream: string, from = 0): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(stream, from));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  subscribe(handler: EventHandler, options: SubscribeOptions): Subscription {
    return this.inner.subscribe(async (event) => handler(await this.open(event)), options);
  }

  headPosition(): Promise<number | null> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const opened: RecordedEvent[] = [];
    for (const event of events) opened.push(await this.open(event));
    return opened;
  }

  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    if (parseStoredType(event.type).type === 'PersonalDataErased') await this.enforceErasure(event);
    return openEvent(this.protector, event);
  }

  private async enforceErasure(event: RecordedEvent): Promise<void> {
    const subject = subjectOf(event.stream, event.type, event.data);
    if (!subject) return;
    const slot = JSON.stringify([subject.tenantId, subject.subjectId]);
    if (this.enforced.has(slot)) return;
    await this.protector.destroyKey(subject.tenantId, subject.subjectId, this.clock().toISOString());
    this.enforced.add(slot);
  }
}
