// Works through the delivery inbox in the process: due deliveries in order, each change through
// HrisSync. A delivery that cannot be applied yet (an employee or manager not known yet: an
// out-of-order delivery) or that meets a transient failure is retried with exponential backoff;
// after maxAttempts, or at once for input the domain refuses, it is DEAD, with a reason code,
// listed by webhookDeliveries and re-runnable with replayWebhookDelivery. Pending deliveries left
// by a crash are due at start; per-change idempotency keys make re-processing a no-op.
import { DomainError } from '@rolebook/domain';
import { MappingNotBuilt, parsePayload, type Delivery, type DeliveryInbox } from '@rolebook/hris';
import { NotYetApplicable, type HrisSync } from './hris-sync';

export interface WebhookProcessorOptions {
  maxAttempts: number;
  baseDelayMs: number;
  clock?: () => Date;
  /** Told of each outcome, by ids and reason codes only. */
  onOutcome?: (delivery: Delivery, outcome: 'processed' | 'retry' | 'dead', reason: string | null) => void;
}

const reasonOf = (error: unknown): { reason: string; retry: boolean } => {
  if (error instanceof NotYetApplicable) return { reason: error.reason, retry: true };
  if (error instanceof MappingNotBuilt) return { reason: 'MAPPING_NOT_BUILT', retry: false };
  if (error instanceof DomainError) return { reason: `${error.name}:${error.reason}`, retry: false };
  return { reason: 'TRANSIENT_FAILURE', retry: true };
};

export class WebhookProcessor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly clock: () => Date;

  constructor(
    private readonly inbox: DeliveryInbox,
    private readonly sync: HrisSync,
    private readonly options: WebhookProcessorOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Processes one delivery now, whatever its state, and answers it afterwards. */
  async process(delivery: Delivery): Promise<Delivery> {
    try {
      const changes = parsePayload(delivery.provider, delivery.body);
      const outcome: string[] = [];
      for (const [index, change] of changes.entries()) outcome.push(...(await this.sync.apply(delivery, change, index)));
      this.inbox.processed(delivery.seq, outcome);
      this.options.onOutcome?.(delivery, 'processed', null);
    } catch (error) {
      const { reason, retry } = reasonOf(error);
      const attempt = delivery.attempts + 1;
      const retryAt = retry && attempt < this.options.maxAttempts ? new Date(this.clock().getTime() + this.options.baseDelayMs * 2 ** (attempt - 1)).toISOString() : null;
      this.inbox.failed(delivery.seq, reason, retryAt);
      this.options.onOutcome?.(delivery, retryAt ? 'retry' : 'dead', reason);
    }
    return this.inbox.get(delivery.seq)!;
  }

  /** Marks a delivery dead without processing it: the queue gave up on its job. */
  giveUp(delivery: Delivery, reason: string): void {
    this.inbox.failed(delivery.seq, reason, null);
    this.options.onOutcome?.(delivery, 'dead', reason);
  }

  /** Processes every delivery due now; answers how many. */
  async processDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const due = this.inbox.due(this.clock().toISOString());
      if (due.length === 0 || this.stopped) return count;
      for (const delivery of due) {
        if (this.stopped) return count;
        await this.process(delivery);
        count += 1;
      }
    }
  }

  /** Starts background processing: now (pending deliveries from before a crash), on kick(), and when retries fall due. */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** A delivery was recorded or replayed: process soon. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.processDue()
      .then(() => undefined, () => undefined)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule();
      });
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.inbox.nextDue();
    if (!next) return;
    const wait = Math.max(0, Date.parse(next) - this.clock().getTime());
    this.timer = setTimeout(() => this.kick(), Math.min(wait, 60_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
