// Many commands written together: each is decided as CommandExecutor.execute decides it (same
// rules, same idempotency, same event ids), but nothing is appended until flush(), which writes
// every stream's new events with one appendMany (on the embedded store: one transaction, one sync
// to disk) and waits for the read model once. Commands on one stream are decided in turn, each
// on the events decided before it. A batch whose append meets a concurrent writer is run again
// command by command through the executor, where the usual rules apply (a retried append is a
// replay, a stale expectedVersion a CONFLICT), so nothing is silently overwritten.
import { streamName, type AggregateKind, type CommandOf, type Effective, type EventOf } from '@rolebook/domain';
import { WrongExpectedVersion, type EventStore, type NewEvent } from '@rolebook/event-store';
import type { CommandResult, RequestContext } from '../shared/request-context';
import type { CommandExecutor, WaitForPosition } from './command-executor';
import type { StreamView } from './stream-states';

interface Queued {
  id: string;
  /** The command's events, appended after those of the commands queued before it on the stream. */
  events: NewEvent[];
  version: number;
  /** Runs the command alone, as execute would (after a conflict). */
  alone: () => Promise<CommandResult>;
  settle: (result: Promise<CommandResult> | CommandResult) => void;
  fail: (error: unknown) => void;
}

interface PendingStream {
  /** The stream as read (null until read). */
  view: StreamView<AggregateKind> | { error: unknown } | null;
  /** The stream's length as read: the revision the batch appends after. */
  base: number;
  /** The events decided so far, not appended yet. */
  decided: Effective<EventOf<AggregateKind>>[];
  queued: Queued[];
  /** The decisions on this stream run one after the other. */
  tail: Promise<unknown>;
}

export class CommandBatch {
  private streams = new Map<string, PendingStream>();
  /** The last position a flush wrote. */
  private written: number | null = null;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly store: EventStore,
    private readonly waitFor: WaitForPosition,
  ) {}

  /** Same contract as CommandExecutor.execute; resolves once flush() has written the batch. Needs an idempotency key (a batch may be run again). */
  execute<K extends AggregateKind>(
    kind: K,
    id: string,
    command: () => Promise<CommandOf<K>> | CommandOf<K>,
    request: unknown,
    ctx: RequestContext,
  ): Promise<CommandResult> {
    if (ctx.idempotencyKey === null) return Promise.reject(new Error('a batched command needs an idempotency key'));
    const name = streamName(ctx.tenantId, kind, id);
    let entry = this.streams.get(name);
    if (!entry) {
      const created: PendingStream = { view: null, base: 0, decided: [], queued: [], tail: Promise.resolve() };
      created.tail = this.executor.current(kind, name).then(
        (view) => {
          created.view = view;
          created.base = view.version;
        },
        (error: unknown) => void (created.view = { error }),
      );
      this.streams.set(name, (entry = created));
    }
    const stream = entry;
    return new Promise<CommandResult>((resolve, reject) => {
      stream.tail = stream.tail.then(async () => {
        try {
          if (stream.view === null || 'error' in stream.view) throw stream.view?.error;
          // streams of every kind share the map; what is read and pending on one is of its own kind
          const view = stream.view as StreamView<K>;
          const pending = stream.decided as Effective<EventOf<K>>[];
          const decision = await this.executor.decideOn(kind, id, { view, pending }, command, request, ctx);
          if (decision.outcome === 'done') return resolve(decision.result);
          stream.decided.push(...(decision.decided as Effective<EventOf<AggregateKind>>[]));
          stream.queued.push({
            id,
            events: decision.events,
            version: decision.version + decision.events.length,
            alone: () => this.executor.execute(kind, id, command, request, ctx),
            settle: resolve,
            fail: reject,
          });
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /**
   * Writes every command decided so far, then resolves each one's promise; with `project` (the
   * default) once the read model holds everything this batch wrote, so far. A batch can be
   * flushed many times: only the last flush needs to wait for the read model (what the next
   * commands' facts are read from).
   */
  async flush({ project = true }: { project?: boolean } = {}): Promise<void> {
    const streams = this.streams;
    this.streams = new Map();
    await Promise.all([...streams.values()].map((s) => s.tail));
    const written = [...streams.entries()].filter(([, s]) => s.queued.length > 0);
    if (written.length === 0) {
      if (project && this.written !== null) await this.waitFor(this.written);
      return;
    }
    const appends = written.map(([stream, s]) => ({
      stream,
      events: s.queued.flatMap((q) => q.events),
      expected: s.base === 0 ? ('no_stream' as const) : s.base - 1,
    }));
    let results;
    try {
      results = await this.store.appendMany(appends);
    } catch (error) {
      const queued = written.flatMap(([, s]) => s.queued);
      if (!(error instanceof WrongExpectedVersion)) {
        for (const q of queued) q.fail(error);
        throw error;
      }
      // another writer came between: each command again, alone, on fresh state
      for (const q of queued) await q.alone().then(q.settle, q.fail);
      return;
    }
    this.written = Math.max(this.written ?? 0, ...results.map((r) => r.position));
    if (project) await this.waitFor(this.written);
    written.forEach(([, s], i) => {
      // the stream's last position stands for each of its commands (positions within one append are not all known on every store)
      for (const q of s.queued) q.settle({ id: q.id, version: q.version, position: results[i]!.position, changed: true });
    });
  }
}
