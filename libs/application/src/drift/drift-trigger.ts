// Which recorded events call for a drift check: changes to a tenant's org (drift's own events
// and reference publications do not). The in-process runner and the worker both debounce on it.
import { ORG_KINDS, parseStreamName } from '@rolebook/domain';
import type { RecordedEvent } from '@rolebook/event-store';

/** The tenant whose org an event changes, when it should trigger a drift check. */
export const tenantChangedBy = (event: RecordedEvent): string | null => {
  const stream = parseStreamName(event.stream);
  return stream && ORG_KINDS.includes(stream.kind) ? stream.tenantId : null;
};
