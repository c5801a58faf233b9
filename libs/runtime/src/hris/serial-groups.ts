// Calls that arrive while a group runs wait, and go together as the next group: one group at a
// time, each call answered with its own result once its group has ended; when a group fails, each
// of its calls fails. (turnBatch, by contrast, starts a group every turn of the event loop.)
export type Grouped<I, O> = (item: I) => Promise<O>;

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export const serialGroups = <I, O>(run: (items: readonly I[]) => Promise<O[]>): Grouped<I, O> => {
  let queued: Waiting<I, O>[] = [];
  let running = false;

  const drain = async () => {
    while (queued.length > 0) {
      const group = queued;
      queued = [];
      try {
        const results = await run(group.map((w) => w.item));
        group.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    running = false;
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      if (running) return;
      running = true;
      setImmediate(() => void drain());
    });
};
