// A delivery cut short by a crash: one BambooHR delivery hiring `n` people (each a registration
// and a role assignment), and the checks that it was cut mid-way and later finished with every
// change exactly once. Shared by the embedded and the BullMQ crash tests.
import { hrisPersonId } from '@rolebook/application';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { signBambooHr, type Signed } from './hris-signing';

export type Gql = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown }>;

/** Two roles the hires' titles map to through the reference model. */
export const defineProductRoles = async (gql: Gql): Promise<void> => {
  for (const [name, key] of [
    ['Product Manager', 'product-manager'],
    ['Senior PM', 'senior-product-manager'],
  ]) {
    const role = await gql(
      `mutation($name: String!, $key: String!) { defineRole(input: { name: $name, purpose: "x", referenceRoleKey: $key }) { role { id } } }`,
      { name, key },
    );
    if (role.errors) throw new Error(JSON.stringify(role.errors));
  }
};

export const bambooHires = (n: number): Signed =>
  signBambooHr({
    employees: Array.from({ length: n }, (_, i) => ({
      id: `b-${i}`,
      action: 'Created',
      changedFields: [],
      fields: { firstName: 'Employee', lastName: `Number ${i}`, jobTitle: i % 2 ? 'Senior Product Manager' : 'Product Manager' },
    })),
  });

/** Events appended from BambooHR deliveries, of the given types (all types when none). */
export const fromBamboo = async (gql: Gql, types?: string[]): Promise<number> =>
  (await gql('query($f: AuditLogFilterInput) { auditLog(filter: $f) { totalCount } }', { f: { source: 'hris:bamboohr', types } })).data.auditLog.totalCount;

export const deliveriesOf = async (gql: Gql): Promise<{ id: string; deliveryId: string; provider: string; status: string; attempts: number }[]> =>
  (await gql('{ webhookDeliveries(first: 50) { edges { node { id deliveryId provider status attempts } } } }')).data.webhookDeliveries.edges.map(
    (e: any) => e.node,
  );

/** Each of the n hires registered once and assigned the role its title maps to once. */
export const expectEveryHireOnce = async (gql: Gql, n: number): Promise<void> => {
  expect(await fromBamboo(gql, ['PersonRegistered'])).toBe(n);
  expect(await fromBamboo(gql, ['RoleAssigned'])).toBe(n);
  expect(await fromBamboo(gql)).toBe(2 * n);
  for (const i of [0, n - 1]) {
    const person = await gql('query($id: ID!) { person(id: $id) { name assignments { role { name } } } }', {
      id: hrisPersonId('default', 'bamboohr', `b-${i}`),
    });
    expect(person.data.person).toEqual({ name: `Employee Number ${i}`, assignments: [{ role: { name: i % 2 ? 'Senior PM' : 'Product Manager' } }] });
  }
};

/** Counts the events of the embedded log under `dataDir` directly: not through an API, whose event loop may be busy with the delivery and whose read model lags. */
export const logCounter = (dataDir: string) => {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  return { count: () => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n, close: () => db.close() };
};
