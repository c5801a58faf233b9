// Works through the delivery inbox in this process (embedded mode, no Redis): due deliveries in
// order, a group at a time through the DeliveryProcessor; again on kick() (a delivery recorded or replayed)
// and when the next retry falls due. Deliveries left pending by a crash are due at start, once the
// claim of the attempt cut short has lapsed (WEBHOOK_CLAIM_MS). With a shared inbox (PostgreSQL),
// every API replica runs one: the claim lets one of them process each delivery.
import type { DeliveryProcessor } from '@rolebook/application';

/** Deliveries taken at once: their claims, outcomes and event-store commits are shared. */
const GROUP = 200;

export class InProcessWebhookRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly processor: DeliveryProcessor) {}

  /** Processes every delivery due now, in groups; answers how many. */
  async processDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const due = await this.processor.inbox.due(this.processor.clock().toISOString(), GROUP);
      if (due.length === 0 || this.stopped) return count;
      count += (await this.processor.processMany(due)).filter((d) => d !== null).length;
      // let requests (new deliveries among them) in between groups
      await new Promise((resolve) => setImmediate(resolve));
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
      .then(
        () => undefined,
        () => undefined,
      )
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
    this.processor.inbox.nextDue().then(
      (next) =>
        // nothing pending here: look again within a minute all the same (with a shared inbox, a replica may have
        // recorded one and died before processing it)
        this.wakeIn(next === null ? 60_000 : Math.max(0, Date.parse(next) - this.processor.clock().getTime())),
      // the inbox unreachable: try again soon
      () => this.wakeIn(5_000),
    );
  }

  /** One timer at a time, none once stopped. */
  private wakeIn(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.min(ms, 60_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
