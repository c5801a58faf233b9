// The whole log in commit order, a page at a time, from the first event (or after `after`), until a read finds
// nothing more (a short page is not taken as the end: a filtered read may return fewer).
import type { EventStore, RecordedEvent } from './port';

export async function* readAllPages(store: EventStore, pageSize: number, from: number | null = null): AsyncGenerator<RecordedEvent[]> {
  let after = from;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.position;
  }
}
