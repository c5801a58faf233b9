// orgChart: the whole org at an instant as the dashboard's chart draws it, in one answer: who is
// active then, their manager, roles and teams, as of a date and as known at one; names as
// person.name reads them (erased ones too), no email; a role without it is refused.
import { assertObjectType, buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type TestApi } from './support/api';

let api: TestApi;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.dispose());

const CHART = `query($asOf: DateTime, $knownAt: DateTime) {
  orgChart(asOf: $asOf, knownAt: $knownAt) { asOf knownAt people { id name title managerId roles { roleId allocationPercent } teamIds } roles { id name } teams { id name } }
}`;
const INPUT_TYPES: Record<string, string> = { addTeamMember: 'TeamMemberInput' };
const mutate = async (mutation: string, input: Record<string, unknown>) => {
  const type = INPUT_TYPES[mutation] ?? `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  const answer = await api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { changed } }`, { input });
  expect(answer.errors).toBeUndefined();
};
const register = async (name: string, effectiveAt: string, title: string | null = null) => {
  const answer = await api.gql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
    input: { name, email: `${name.toLowerCase()}@example.com`, title, effectiveAt },
  });
  return answer.data!.registerPerson.person.id as string;
};

let ids: Record<'pm' | 'unheld' | 'team' | 'boss' | 'ada' | 'gone' | 'later', string>;
let beforeCorrection: string;

beforeAll(async () => {
  const role = await api.gql(
    `mutation { defineRole(input: { name: "Product Manager", purpose: "Outcomes", effectiveAt: "2025-01-01T00:00:00Z" }) { role { id } } }`,
  );
  const unheld = await api.gql(`mutation { defineRole(input: { name: "Nobody's", purpose: "x", effectiveAt: "2025-01-01T00:00:00Z" }) { role { id } } }`);
  const team = await api.gql(`mutation { createTeam(input: { name: "Checkout", effectiveAt: "2025-01-01T00:00:00Z" }) { team { id } } }`);
  ids = {
    pm: role.data!.defineRole.role.id,
    unheld: unheld.data!.defineRole.role.id,
    team: team.data!.createTeam.team.id,
    boss: await register('Boss', '2025-01-01T00:00:00Z', 'CPO'),
    ada: await register('Ada', '2025-01-01T00:00:00Z', 'PM'),
    gone: await register('Gone', '2025-01-01T00:00:00Z'),
    later: await register('Later', '2025-09-01T00:00:00Z'),
  };
  await mutate('setManager', { personId: ids.ada, managerId: ids.boss, effectiveAt: '2025-03-01T00:00:00Z' });
  await mutate('assignRole', { personId: ids.ada, roleId: ids.pm, allocationPercent: 60, effectiveAt: '2025-01-01T00:00:00Z' });
  await mutate('addTeamMember', { teamId: ids.team, personId: ids.ada, effectiveAt: '2025-01-01T00:00:00Z' });
  await mutate('terminatePerson', { personId: ids.gone, effectiveAt: '2025-05-01T00:00:00Z' });
  beforeCorrection = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  // a back-dated correction recorded now: Ada's title was Senior PM from February
  await mutate('updatePerson', { personId: ids.ada, title: 'Senior PM', effectiveAt: '2025-02-01T00:00:00Z' });
});

const chart = async (variables: Record<string, unknown>, headers?: Record<string, string>) => {
  const answer = await api.gql(CHART, variables, headers);
  expect(answer.errors).toBeUndefined();
  return answer.data!.orgChart;
};
const byId = (people: { id: string }[]) => new Map(people.map((p) => [p.id, p]));

it('answers every person active at the instant with their manager, roles and teams, and names the roles and teams held', async () => {
  const june = await chart({ asOf: '2025-06-01T00:00:00Z' });
  expect(june).toMatchObject({ asOf: '2025-06-01T00:00:00.000Z', knownAt: null });
  expect(june.people.map((p: { id: string }) => p.id).sort()).toEqual([ids.ada, ids.boss].sort());
  expect(byId(june.people).get(ids.ada)).toEqual({
    id: ids.ada,
    name: 'Ada',
    title: 'Senior PM',
    managerId: ids.boss,
    roles: [{ roleId: ids.pm, allocationPercent: 60 }],
    teamIds: [ids.team],
  });
  expect(june.roles).toEqual([{ id: ids.pm, name: 'Product Manager' }]);
  expect(june.teams).toEqual([{ id: ids.team, name: 'Checkout' }]);
  // in February Ada had no manager yet and Gone was still there; in October Later has joined
  const february = byId((await chart({ asOf: '2025-02-15T00:00:00Z' })).people);
  expect(february.get(ids.ada)).toMatchObject({ managerId: null });
  expect(february.has(ids.gone)).toBe(true);
  expect(byId((await chart({ asOf: '2025-10-01T00:00:00Z' })).people).has(ids.later)).toBe(true);
});

it('reads as known at an instant: before the back-dated correction was recorded, the title was still PM', async () => {
  const asKnown = await chart({ asOf: '2025-06-01T00:00:00Z', knownAt: beforeCorrection });
  expect(byId(asKnown.people).get(ids.ada)).toMatchObject({ title: 'PM' });
});

it("is what a viewer may read, without emails; knownAt is an auditor's; a role without it is refused", async () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
  expect(Object.keys(assertObjectType(schema.getType('OrgChartPerson')).getFields())).not.toContain('email');
  const viewer = await api.as('viewer');
  expect((await chart({ asOf: '2025-06-01T00:00:00Z' }, viewer)).people).toHaveLength(2);
  const known = await api.gql(CHART, { knownAt: beforeCorrection }, viewer);
  expect(known.errors?.[0]).toMatchObject({ message: 'This operation requires the auditor role', extensions: { code: 'FORBIDDEN' } });
  const refused = await api.gql(CHART, {}, await api.as('integration'));
  expect(refused.errors?.[0]).toMatchObject({ message: 'This operation requires the viewer role', extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' } });
  expect(refused.data?.orgChart ?? null).toBeNull();
});

it('reads an erased name as [erased], as person.name does', async () => {
  await mutate('erasePersonalData', { personId: ids.boss, reason: 'REQ-1' });
  const people = byId((await chart({})).people);
  expect(people.get(ids.boss)).toMatchObject({ name: '[erased]' });
  const person = await api.gql(`query($id: ID!) { person(id: $id) { name } }`, { id: ids.boss });
  expect(person.data!.person.name).toBe('[erased]');
});

it('refuses an instant out of range, changing nothing', async () => {
  const answer = await api.gql(CHART, { asOf: '1800-01-01T00:00:00Z' });
  expect(answer.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
});
