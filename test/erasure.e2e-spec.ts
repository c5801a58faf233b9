// erasePersonalData over HTTP: the person reads as erased, their history keeps its structure, and
// the log on disk never held their name. (The mutation is admin-only once authorization is wired.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type TestApi } from './support/api';

let api: TestApi;
afterEach(() => api.dispose());

const NAME = 'Zelda Quackenbush';
const EMAIL = 'zelda.q@example.org';

const logBytes = (dir: string) =>
  ['events.db', 'events.db-wal']
    .map((f) => join(dir, f))
    .filter(existsSync)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');

it('erases a person: placeholders in every read, roles and history kept, nothing in plain text on disk', async () => {
  api = await startApi();
  const registered = await api.gql(
    `mutation { registerPerson(input: { name: "${NAME}", email: "${EMAIL}", effectiveAt: "2025-01-01T00:00:00Z", reason: "hired ${NAME}" }) { person { id name email } } }`,
  );
  const id = registered.data.registerPerson.person.id as string;
  expect(registered.data.registerPerson.person).toMatchObject({ name: NAME, email: EMAIL });
  expect(logBytes(api.dir)).not.toContain('Quackenbush');

  const erase = `mutation($input: ErasePersonalDataInput!) { erasePersonalData(input: $input) { person { id name email } version changed } }`;
  const erased = await api.gql(erase, { input: { personId: id, reason: 'DSR-2026-118' } }, await api.as('admin', { name: 'admin-1' }));
  expect(erased.errors).toBeUndefined();
  expect(erased.data.erasePersonalData).toEqual({ person: { id, name: '[erased]', email: null }, version: 2, changed: true });

  const { data } = await api.gql(`query($id: ID!) { person(id: $id) { name email } history(entityId: $id) { edges { node { type actor reason data } } } }`, {
    id,
  });
  expect(data.person).toEqual({ name: '[erased]', email: null });
  expect(data.history.edges.map((e: any) => e.node)).toEqual([
    { type: 'PersonRegistered', actor: 'key:test-admin', reason: '[erased]', data: { personId: id, name: '[erased]', email: null, title: null } },
    { type: 'PersonalDataErased', actor: 'key:admin-1', reason: 'DSR-2026-118', data: { personId: id } },
  ]);

  const refused = await api.gql(erase, { input: { personId: '00000000-0000-4000-8000-000000000999', reason: 'DSR-1' } });
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PERSON_NOT_FOUND' });
  const renamed = await api.gql(`mutation($id: ID!) { updatePerson(input: { personId: $id, name: "${NAME}" }) { version } }`, { id });
  expect(renamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERSONAL_DATA_ERASED', field: 'name' });
});
