// An erased person's HRIS deliveries: their bodies (names, emails, the HRIS employee id) are
// erased from the inbox at once rather than after the retention. A delivery names the person when
// one of its changes is about them or names them as a manager (their Rolebook id is derived from
// the provider's employee id), or when its outcome recorded their id. A body that cannot be parsed
// cannot be told apart; it is left to the retention erasure (WEBHOOK_BODY_RETENTION_DAYS).
import { parsePayload, type Delivery, type DeliveryInbox } from '@rolebook/hris';
import { hrisPersonId } from './hris-sync';

const PAGE = 200;

const names = (delivery: Delivery, personId: string): boolean => {
  if (delivery.outcome.some((line) => line.includes(personId))) return true;
  try {
    return parsePayload(delivery.provider, delivery.body).some((change) =>
      [change.employeeId, change.fields.managerId].some((id) => typeof id === 'string' && hrisPersonId(delivery.tenantId, delivery.provider, id) === personId),
    );
  } catch {
    return false; // malformed, or parked as unreadable: erased with the retention
  }
};

/** Erases the bodies of the tenant's deliveries that name the person; answers how many. */
export const eraseDeliveriesNaming = async (inbox: DeliveryInbox, tenantId: string, personId: string): Promise<number> => {
  let erased = 0;
  for (let after = 0; ;) {
    const page = await inbox.withBodies(tenantId, after, PAGE);
    for (const delivery of page) {
      if (!names(delivery, personId)) continue;
      await inbox.eraseBody(delivery.seq, 'PERSONAL_DATA_ERASED');
      erased += 1;
    }
    if (page.length < PAGE) return erased;
    after = page[page.length - 1]!.seq;
  }
};
