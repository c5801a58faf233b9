import { droppedIndexes, readModelSchema } from './schema';

it('drops no index it creates (each open would drop and rebuild it)', () => {
  const created = [...readModelSchema.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)].map((m) => m[1]);
  expect(created.length).toBeGreaterThan(0);
  expect(droppedIndexes.filter((name) => created.includes(name))).toEqual([]);
});
