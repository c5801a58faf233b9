// Applies one recorded HRIS delivery: every change it carries through HrisSync, then records the
// outcome in the inbox. A delivery that cannot be applied yet (an employee or manager not known
// yet: an out-of-order delivery) or that meets a transient failure is due again after an
// exponential backoff; after maxAttempts, or at once for input the domain refuses, it is DEAD
// with a reason code, re-runnable with replayWebhookDelivery; so is, at once, a delivery this
// version cannot read (UNSUPPORTED_EVENT, INVALID_EVENT_DATA, API_NOT_CONFIGURED, ...). Per-change idempotency keys make
// processing a delivery again a no-op. Deliveries processed in a group (processMany) take one
// claim, one outcome write and shared event-store commits, in an order that keeps their effect
// that of one after another. Who calls it and when (an in-process loop, a BullMQ worker) is the
// runtime's business.
import { DomainError } from '@rolebook/domain';
import {
  MalformedPayload,
  parsePayload,
  ProviderApiNotConfigured,
  settled,
  UnmappableDelivery,
  type Delivery,
  type DeliveryInbox,
  type EmployeeChange,
  type Settlement,
} from '@rolebook/hris';
import { DeliveryOrder, deliveryKeys } from './delivery-order';
import { NotYetApplicable, type HrisSync } from './hris-sync';

export interface DeliveryProcessorOptions {
  maxAttempts: number;
  baseDelayMs: number;
  /** How long an attempt holds the delivery before another process may take it (its taker died); renewed while it runs. */
  claimMs: number;
  clock?: () => Date;
  /** Told of each outcome, by ids and reason codes only. */
  onOutcome?: (delivery: Delivery, outcome: 'processed' | 'retry' | 'dead', reason: string | null) => void;
}

/** The reason code of an expected failure, and whether it is worth retrying; anything else is unexpected. */
const expectedFailure = (error: unknown): { reason: string; retry: boolean } | null => {
  if (error instanceof NotYetApplicable) return { reason: error.reason, retry: true };
  // recorded in the provider's envelope but not readable by this version: parked until a replay after an upgrade
  if (error instanceof UnmappableDelivery) return { reason: error.reason, retry: false };
  if (error instanceof ProviderApiNotConfigured) return { reason: 'API_NOT_CONFIGURED', retry: false };
  // only a body recorded before its envelope was checked (the webhook refuses it now)
  if (error instanceof MalformedPayload) return { reason: 'MALFORMED_PAYLOAD', retry: false };
  if (error instanceof DomainError) return { reason: `${error.name}:${error.reason}`, retry: false };
  return null;
};

/** A delivery's changes, or why they cannot be read. */
type ReadChanges = { changes: EmployeeChange[] } | { error: unknown };

const readChanges = (delivery: Delivery): ReadChanges => {
  try {
    return { changes: parsePayload(delivery.provider, delivery.body) };
  } catch (error) {
    return { error };
  }
};

export class DeliveryProcessor {
  readonly clock: () => Date;

  constructor(
    readonly inbox: DeliveryInbox,
    /** What applies one change (HrisSync); only this is used. */
    private readonly sync: Pick<HrisSync, 'apply'>,
    private readonly options: DeliveryProcessorOptions,
    /** Told of failures nobody expected (a bug, a store down), with the delivery's number only. */
    private readonly onUnexpected: (error: unknown, delivery: Delivery) => void = () => undefined,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Claims a pending delivery and processes it now; answers it afterwards, or null when it is not
   * pending or another process holds it (of several processes, exactly one processes it).
   */
  async process(pending: Delivery): Promise<Delivery | null> {
    return (await this.processMany([pending]))[0]!;
  }

  /**
   * Claims pending deliveries in one go and processes them together, as if one after another in
   * delivery order (see DeliveryOrder): their commands reach the event store's group commits
   * together, and their outcomes are recorded in one go. Answers each afterwards, or null when it
   * was not claimed. A delivery that fails fails alone.
   */
  async processMany(pending: readonly Delivery[]): Promise<(Delivery | null)[]> {
    const now = this.clock();
    const claimUntil = (from: Date) => new Date(from.getTime() + this.options.claimMs).toISOString();
    let heldUntil = claimUntil(now);
    const claimed = await this.inbox.claimMany(
      pending.map((d) => d.seq),
      now.toISOString(),
      heldUntil,
    );
    if (claimed.length === 0) return pending.map(() => null);
    // kept while the attempts run, however long they take; a process that dies stops renewing them
    let held = claimed.map((d) => d.seq);
    const renewal = setInterval(() => {
      const until = claimUntil(this.clock());
      void this.inbox.renewClaims(held, heldUntil, until).then(
        (renewed) => {
          if (renewed.length === 0) return;
          held = renewed;
          heldUntil = until;
        },
        () => undefined,
      );
    }, this.options.claimMs / 3);
    try {
      const order = new DeliveryOrder();
      const settlements = await Promise.all(
        claimed.map((delivery) => {
          const read = readChanges(delivery);
          let end!: () => void;
          const ended = new Promise<void>((resolve) => (end = resolve));
          // one that cannot be read changes nothing: it waits for none and none waits for it
          const keys = 'changes' in read ? deliveryKeys(delivery.tenantId, delivery.provider, read.changes) : [];
          return order
            .enter(keys, ended)
            .then(() => this.attempt(delivery, read))
            .finally(end);
        }),
      );
      await this.inbox.settleMany(settlements);
      const after = new Map(claimed.map((d, i) => [d.seq, settled(d, settlements[i]!)]));
      for (const [i, d] of claimed.entries()) {
        const s = settlements[i]!;
        if (s.status === 'PROCESSED') this.options.onOutcome?.(d, 'processed', null);
        else this.options.onOutcome?.(d, s.retryAt ? 'retry' : 'dead', s.reason);
      }
      return pending.map((d) => after.get(d.seq) ?? null);
    } finally {
      clearInterval(renewal);
    }
  }

  /** One attempt at a claimed delivery: how it ended, recorded by the caller. */
  private async attempt(delivery: Delivery, read: ReadChanges): Promise<Settlement> {
    try {
      if ('error' in read) throw read.error;
      const outcome: string[] = [];
      for (const [index, change] of read.changes.entries()) outcome.push(...(await this.sync.apply(delivery, change, index)));
      return { seq: delivery.seq, status: 'PROCESSED', outcome };
    } catch (error) {
      const expected = expectedFailure(error);
      // an unexpected failure (a transient outage or a bug) is retried, and told with its stack
      if (!expected) this.onUnexpected(error, delivery);
      const { reason, retry } = expected ?? { reason: 'TRANSIENT_FAILURE', retry: true };
      const attempt = delivery.attempts + 1;
      const retryAt =
        retry && attempt < this.options.maxAttempts ? new Date(this.clock().getTime() + this.options.baseDelayMs * 2 ** (attempt - 1)).toISOString() : null;
      return { seq: delivery.seq, status: 'FAILED', reason, retryAt };
    }
  }

  /** Marks a delivery dead without processing it: the queue gave up on its job. */
  async giveUp(delivery: Delivery, reason: string): Promise<void> {
    await this.inbox.failed(delivery.seq, reason, null);
    this.options.onOutcome?.(delivery, 'dead', reason);
  }
}
