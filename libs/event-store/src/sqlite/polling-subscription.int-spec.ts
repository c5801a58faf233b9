// A long catch-up gives the event loop turns: a timer due meanwhile fires before the last event
// is handled, as a /health/live request is answered while thousands of events are projected.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from './sqlite-event-store';

it('lets timers run between events while it catches up with a long log', async () => {
  const store = new SqliteEventStore({ filename: ':memory:' });
  await store.append(
    't1/a/1',
    Array.from({ length: 200 }, () => ({ id: randomUUID(), type: 'X', data: {}, metadata: {} })),
    'no_stream',
  );
  let timerFiredAt: number | null = null;
  let handled = 0;
  await new Promise<void>((resolve) => {
    setTimeout(() => (timerFiredAt = handled), 0);
    const subscription = store.subscribe(
      () => {
        const until = performance.now() + 1; // a handler that takes a millisecond, as applying an event to a read model may
        while (performance.now() < until);
        if (++handled === 200) void subscription.stop().then(resolve);
      },
      { after: null },
    );
  });
  expect(timerFiredAt).not.toBeNull();
  expect(timerFiredAt).toBeLessThan(200);
  await store.close();
});
