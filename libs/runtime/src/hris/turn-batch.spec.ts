import { turnBatch } from './turn-batch';

describe('turnBatch', () => {
  it('hands the calls of one turn to one group call, each answered its own result after it ended', async () => {
    const groups: number[][] = [];
    let ended = false;
    const double = turnBatch(async (items: readonly number[]) => {
      groups.push([...items]);
      await new Promise((r) => setTimeout(r, 10));
      ended = true;
      return items.map((n) => n * 2);
    });
    const answers = Promise.all([double(1), double(2), double(3)]);
    const first = await double(4).then((n) => ({ n, ended }));
    expect(first).toEqual({ n: 8, ended: true });
    expect(await answers).toEqual([2, 4, 6]);
    expect(groups).toEqual([[1, 2, 3, 4]]);
    expect(await double(5)).toBe(10);
    expect(groups).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('when the group call fails, tries each alone: only the failing one is refused', async () => {
    const calls: number[][] = [];
    const check = turnBatch(async (items: readonly number[]) => {
      calls.push([...items]);
      if (items.includes(2)) throw new Error('two refused');
      return items.map((n) => `ok ${n}`);
    });
    const answers = await Promise.allSettled([check(1), check(2), check(3)]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 'ok 1' },
      { status: 'rejected', reason: new Error('two refused') },
      { status: 'fulfilled', value: 'ok 3' },
    ]);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
