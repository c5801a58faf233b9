// The live feed every subscription reads: the tenant's recorded events after a position (a
// client's last one, to resume) or after what is projected now, filtered.
import type { Rolebook } from '@rolebook/runtime';
import { eventFeed, InvalidCursor, parsePositionCursor, type HistoryEntry } from '@rolebook/projections';
import { GraphQLError } from 'graphql';

const FEED_BATCH = 100;

export const tenantFeed = (rolebook: Rolebook, tenantId: string, after: string | null | undefined, accept: (entry: HistoryEntry) => boolean) => {
  let start: number;
  try {
    start = after == null ? (rolebook.projector.projectedPosition ?? 0) : parsePositionCursor(after);
  } catch (error) {
    if (!(error instanceof InvalidCursor)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
  }
  return eventFeed(
    { read: (position) => rolebook.events.after(tenantId, position, FEED_BATCH), onApplied: (listener) => rolebook.projector.onApplied(listener) },
    start,
    accept,
  );
};
