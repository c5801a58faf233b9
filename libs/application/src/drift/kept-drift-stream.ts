// A tenant's drift stream as this process last saw it: its state (the open findings), its length
// and the runs it holds. The stream grows with every check and every finding ever opened, so it
// is read whole once, then kept: each check decides on the kept state and appends at its length;
// when another writer got there first, only what was appended since is read (from the global log,
// after the last position seen).
import { driftDecider, streamName, TENANT_STREAM_ID, upcasters, type Drift, type DriftEvent, type Effective } from '@rolebook/domain';
import type { EventStore, RecordedEvent } from '@rolebook/event-store';

const PAGE = 1000;

export class KeptDriftStream {
  private readonly stream: string;
  private state: Drift = driftDecider.initialState();
  /** Events of the stream folded so far: its length as far as this process knows. */
  private length = 0;
  /** The global position up to which the log was read for this stream. */
  private position = 0;
  /** Run id → position of the run's last event. */
  private readonly runs = new Map<string, number>();
  private loaded = false;
  private stale = false;

  constructor(
    private readonly store: EventStore,
    tenantId: string,
  ) {
    this.stream = streamName(tenantId, 'drift', TENANT_STREAM_ID);
  }

  /** The state and length to decide on: read whole the first time, then brought up to date when found stale. */
  async current(): Promise<{ state: Drift; version: number }> {
    if (!this.loaded) {
      const head = (await this.store.headPosition()) ?? 0;
      this.fold(await this.store.readStream(this.stream));
      this.position = Math.max(this.position, head);
      this.loaded = true;
    } else if (this.stale) {
      for (;;) {
        const page = await this.store.readAll({ after: this.position, limit: PAGE });
        this.fold(page.filter((e) => e.stream === this.stream));
        if (page.length > 0) this.position = page[page.length - 1]!.position;
        if (page.length < PAGE) break;
      }
    }
    this.stale = false;
    return { state: this.state, version: this.length };
  }

  /** Position of a run already in the stream, or null. */
  runPosition(runId: string): number | null {
    return this.runs.get(runId) ?? null;
  }

  /** Another writer appended: read what it did before deciding again. */
  markStale(): void {
    this.stale = true;
  }

  /** Events this process appended at the kept length, now at `position`. */
  appended(events: readonly DriftEvent[], position: number, effectiveAt: string): void {
    this.state = driftDecider.evolveAll!(
      this.state,
      events.map((e) => ({ ...e, effectiveAt })),
    );
    this.length += events.length;
    for (const e of events) if (e.type === 'DriftCheckCompleted') this.runs.set(e.data.runId, position);
    this.position = Math.max(this.position, position);
  }

  private fold(recorded: readonly RecordedEvent[]): void {
    const fresh = recorded.filter((e) => e.revision >= this.length);
    const events = fresh.map((e): Effective<DriftEvent> => {
      const { type, data } = upcasters.upcast(e.type, e.data);
      return { type, data, effectiveAt: e.metadata['effectiveAt'] } as Effective<DriftEvent>;
    });
    this.state = driftDecider.evolveAll!(this.state, events);
    for (const [i, e] of events.entries()) if (e.type === 'DriftCheckCompleted') this.runs.set(e.data.runId, fresh[i]!.position);
    if (fresh.length > 0) {
      this.length = fresh[fresh.length - 1]!.revision + 1;
      this.position = Math.max(this.position, fresh[fresh.length - 1]!.position);
    }
  }
}
