// The API's side of HRIS deliveries: the durable inbox (webhook-processing.ts) it records them in,
// where they go next (to BullMQ for the worker when REDIS_URL is set, else to the processor that
// works through the inbox in this process), and the erasure of their bodies after the retention,
// or as soon as this process projects the erasure of the personal data of a person they name.
import { eraseDeliveriesNaming } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { parseStoredType, parseStreamName } from '@rolebook/domain';
import type { Delivery, DeliveryInbox, NewDelivery } from '@rolebook/hris';
import { queueSettings, WebhookQueue } from '@rolebook/jobs';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';
import { InProcessWebhookRunner } from './in-process-webhook-runner';
import { turnBatch } from './turn-batch';
import { deliveryProcessor, openDeliveryInbox, startBodyErasure } from './webhook-processing';

export interface Hris {
  inbox: DeliveryInbox;
  /**
   * Records a received delivery and hands it on for processing: null for a duplicate. Deliveries
   * received in one turn of the event loop are recorded in one durable transaction (group commit);
   * each is answered once that transaction has committed, and handed on together after it.
   */
  record(delivery: NewDelivery): Promise<Delivery | null>;
  /** Hands a recorded (or replayed) delivery on for processing; never throws: what is not handed on now is swept up later. */
  dispatch(delivery: Delivery): void;
  /** The delivery once its current attempt has ended, or as it stands after `timeoutMs`. */
  settled(seq: number, timeoutMs: number): Promise<Delivery>;
  stop(): Promise<void>;
}

export const openHris = async (config: Config, logger: Logger, rolebook: Rolebook): Promise<Hris> => {
  const inbox = await openDeliveryInbox(config);
  const stopRetention = startBodyErasure(config, logger, inbox);
  const stopPersonErasure = rolebook.projector.onApplied((_position, event) => {
    const stream = parseStreamName(event.stream);
    if (stream?.kind !== 'person' || parseStoredType(event.type).type !== 'PersonalDataErased') return;
    void eraseDeliveriesNaming(inbox, stream.tenantId, stream.id).then(
      (erased) => {
        if (erased > 0) logger.info({ tenantId: stream.tenantId, personId: stream.id, erased }, 'webhook delivery bodies naming an erased person erased');
      },
      (err: unknown) =>
        logger.error({ err, tenantId: stream.tenantId, personId: stream.id }, 'could not erase the webhook bodies naming an erased person; the retention will'),
    );
  });
  const stopErasure = () => {
    stopRetention();
    stopPersonErasure();
  };
  const settled = async (seq: number, timeoutMs: number): Promise<Delivery> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const delivery = (await inbox.get(seq))!;
      if (delivery.status !== 'PENDING' || delivery.attempts > 0 || Date.now() >= deadline) return delivery;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** Group commit, then the recorded ones handed on together (never throws, as dispatch). */
  const recordThen = (dispatchMany: (recorded: Delivery[]) => void) =>
    turnBatch(async (deliveries: readonly NewDelivery[]) => {
      const recorded = await inbox.recordMany(deliveries);
      const fresh = recorded.filter((d): d is Delivery => d !== null);
      if (fresh.length > 0) dispatchMany(fresh);
      return recorded;
    });

  if (config.REDIS_URL) {
    const queue = new WebhookQueue(queueSettings(config));
    const enqueue = (deliveries: Delivery[]) =>
      void queue
        .enqueueMany(deliveries)
        .catch((err: unknown) =>
          logger.error(
            { err, tenantId: deliveries[0]!.tenantId, deliveries: deliveries.map((d) => d.seq) },
            'could not enqueue webhook deliveries; the worker sweep will',
          ),
        );
    return {
      inbox,
      record: recordThen(enqueue),
      dispatch: (delivery) => enqueue([delivery]),
      settled,
      stop: async () => {
        stopErasure();
        await queue.close();
        await inbox.close();
      },
    };
  }

  const runner = new InProcessWebhookRunner(deliveryProcessor(config, logger, rolebook, inbox));
  runner.start();
  return {
    inbox,
    record: recordThen(() => runner.kick()),
    dispatch: () => runner.kick(),
    settled,
    stop: async () => {
      stopErasure();
      await runner.stop();
      await inbox.close();
    },
  };
};
