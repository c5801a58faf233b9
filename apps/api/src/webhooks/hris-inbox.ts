// The process's HRIS delivery inbox (DATA_DIR/webhooks.db) and the processor that works through
// it in this process, with the provider clients thin deliveries need.
import { HrisSync, WebhookProcessor, type EmployeeFetcher, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { DeliveryInbox, fetchHiBobEmployee } from '@rolebook/hris';
import { join } from 'node:path';
import type { Logger } from 'pino';

export const HRIS = Symbol('HRIS');

export interface Hris {
  inbox: DeliveryInbox;
  processor: WebhookProcessor;
  stop(): Promise<void>;
}

export const openHris = (config: Config, logger: Logger, rolebook: Rolebook): Hris => {
  const inbox = new DeliveryInbox(join(config.DATA_DIR, 'webhooks.db'));
  const fetchEmployee: EmployeeFetcher = async (tenantId, provider, employeeId) => {
    const integration = config.HRIS_INTEGRATIONS[tenantId]?.[provider];
    if (provider !== 'hibob' || !integration?.apiUrl || !integration.apiToken) throw new Error(`no API credentials for ${provider}`);
    return fetchHiBobEmployee({ apiUrl: integration.apiUrl, apiToken: integration.apiToken }, employeeId);
  };
  const sync = new HrisSync(rolebook.commands, rolebook.queries, rolebook.drift, fetchEmployee);
  const processor = new WebhookProcessor(inbox, sync, {
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    baseDelayMs: config.WEBHOOK_RETRY_BASE_MS,
    onOutcome: (d, outcome, reason) =>
      logger[outcome === 'dead' ? 'warn' : 'info']({ tenantId: d.tenantId, provider: d.provider, delivery: d.seq, outcome, reason }, 'webhook delivery'),
  });
  processor.start();
  return {
    inbox,
    processor,
    stop: async () => {
      await processor.stop();
      inbox.close();
    },
  };
};
