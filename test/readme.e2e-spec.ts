// The README's GraphQL examples work as pasted, against the demo organization `npm start` loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemoOrganization } from '../apps/api/src/demo/demo-organization';
import { startApi, type TestApi } from './support/api';

const examples = [...readFileSync(join(__dirname, '..', 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
  expect(await loadDemoOrganization(api.rolebook, 'default')).toBe(true);
});
afterAll(() => api.dispose());

it('has examples to check', () => expect(examples.length).toBeGreaterThanOrEqual(2));

it('answers the example query with the demo organization', async () => {
  const { data, errors } = await api.gql(examples[0]!);
  expect(errors).toBeUndefined();
  expect(data.person.name).toBe('Maya Chen');
  expect(data.person.directReports.map((p: { name: string }) => p.name)).toContain('Luis Ortega');
  expect(data.early2025.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Luis Ortega', 'Tom Becker']);
});

it('applies the example mutation once, then replays it', async () => {
  const first = await api.gql(examples[1]!);
  expect(first.errors).toBeUndefined();
  expect(first.data.updatePerson).toMatchObject({ person: { title: 'Group Product Manager' }, changed: true });
  const again = await api.gql(examples[1]!);
  expect(again.data.updatePerson).toEqual({ ...first.data.updatePerson, changed: false });
});

it('loads the demo only into an empty store', async () => expect(await loadDemoOrganization(api.rolebook, 'default')).toBe(false));
