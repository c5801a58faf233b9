import { serialGroups } from './serial-groups';

describe('serialGroups', () => {
  it('runs the calls made while a group runs as the next group, one group at a time', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const grouped = serialGroups(async (items: readonly number[]) => {
      groups.push([...items]);
      if (groups.length === 1) await first;
      return items.map((i) => i * 10);
    });
    const a = [grouped(1), grouped(2)];
    await new Promise((resolve) => setImmediate(resolve));
    const b = [grouped(3), grouped(4)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[1, 2]]);
    release();
    expect(await Promise.all([...a, ...b])).toEqual([10, 20, 30, 40]);
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('fails every call of a group that fails, and runs the next group all the same', async () => {
    const grouped = serialGroups(async (items: readonly number[]) => {
      if (items.includes(0)) throw new Error('down');
      return [...items];
    });
    await expect(Promise.all([grouped(0), grouped(1)])).rejects.toThrow('down');
    expect(await grouped(2)).toBe(2);
  });
});
