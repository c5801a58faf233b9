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

const example = (marker: RegExp) => {
  const found = examples.filter((e) => marker.test(e));
  expect(found).toHaveLength(1);
  return found[0]!;
};

it('answers the example query with the demo organization', async () => {
  const { data, errors } = await api.gql(example(/directReports/));
  expect(errors).toBeUndefined();
  expect(data.person.name).toBe('Maya Chen');
  expect(data.person.directReports.map((p: { name: string }) => p.name)).toContain('Luis Ortega');
  expect(data.early2025.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Luis Ortega', 'Tom Becker']);
});

it('applies the example mutation once, then replays it', async () => {
  const mutation = example(/^mutation/);
  const first = await api.gql(mutation);
  expect(first.errors).toBeUndefined();
  expect(first.data.updatePerson).toMatchObject({ person: { title: 'Group Product Manager' }, changed: true });
  const again = await api.gql(mutation);
  expect(again.data.updatePerson).toEqual({ ...first.data.updatePerson, changed: false });
});

it('answers the history and time-travel example', async () => {
  const { data, errors } = await api.gql(example(/history\(/));
  expect(errors).toBeUndefined();
  expect(data.history.edges[0].node).toMatchObject({ type: 'PersonRegistered', version: 1, actor: 'demo-loader', source: 'system' });
  expect(data.org.stats.headcount).toBe(8);
  const people = data.orgDiff.summary.find((s: { section: string }) => s.section === 'PEOPLE');
  expect(people.changed).toBeGreaterThan(0);
});

it('answers the drift example with the findings of the demo organization', async () => {
  await api.rolebook.drift.runCheck('default', 'change');
  const { data, errors } = await api.gql(example(/driftFindings/));
  expect(errors).toBeUndefined();
  const rules = data.driftFindings.edges.map((e: { node: { ruleId: string } }) => e.node.ruleId);
  expect(rules).toEqual(expect.arrayContaining(['forbidden-responsibility', 'associate-without-senior', 'title-role-mismatch', 'phase-coverage']));
  expect(data.driftRuns.edges).toHaveLength(1);
});

it('answers the HRIS sync runs example', async () => {
  const { data, errors } = await api.gql(example(/hrisSyncRuns/));
  expect(errors).toBeUndefined();
  expect(data.hrisSyncRuns).toEqual({ totalCount: 0, edges: [] });
});

it('loads the demo only into an empty store', async () => expect(await loadDemoOrganization(api.rolebook, 'default')).toBe(false));
