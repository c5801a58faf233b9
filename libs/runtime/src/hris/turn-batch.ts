// Group commit for calls arriving in one turn of the event loop: each call is queued, and once the
// turn's I/O callbacks have run (setImmediate) the queue goes to `many` in one call, each caller
// answered with its own result only once that call has ended. When the group call fails, each of
// its items is tried again alone, so a failing one fails its own caller and no other.
// (DataLoader does this too, but is not a dependency of this project.)
export type Batched<I, O> = (item: I) => Promise<O>;

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export const turnBatch = <I, O>(many: (items: readonly I[]) => Promise<O[]>): Batched<I, O> => {
  let queued: Waiting<I, O>[] = [];

  const alone = (w: Waiting<I, O>) =>
    many([w.item]).then(
      ([result]) => w.resolve(result!),
      (error: unknown) => w.reject(error),
    );

  const flush = async () => {
    const group = queued;
    queued = [];
    try {
      const results = await many(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else await Promise.all(group.map(alone));
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      if (queued.length === 0) setImmediate(() => void flush());
      queued.push({ item, resolve, reject });
    });
};
