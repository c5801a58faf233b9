// The live feed every subscription reads: the tenant's recorded events after a position (a
// client's last one, to resume) or after what is projected now, filtered.
import type { Rolebook } from '@rolebook/runtime';
import { eventFeed, parsePositionCursor, type HistoryEntry } from '@rolebook/projections';

const FEED_BATCH = 100;

export const tenantFeed = (rolebook: Rolebook, tenantId: string, after: string | null | undefined, accept: (entry: HistoryEntry) => boolean) => {
  // an InvalidCursor is shaped by formatError on graphql-ws as over HTTP (ws-errors.ts)
  const start = after == null ? (rolebook.projector.projectedPosition ?? 0) : parsePositionCursor(after);
  return eventFeed(
    { read: (position) => rolebook.events.after(tenantId, position, FEED_BATCH), onApplied: (listener) => rolebook.projector.onApplied(listener) },
    start,
    accept,
  );
};
