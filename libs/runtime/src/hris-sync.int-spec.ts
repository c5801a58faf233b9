// HRIS sync against a real Rolebook: what a delivery's fields change, and what they do not.
import { HrisSync, hrisPersonId, type DeliveryRef } from '@rolebook/application';
import type { EmployeeChange } from '@rolebook/hris';
import { tempRolebook, type TempRolebook } from './testing/temp-rolebook';

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

const delivery = (deliveryId: string): DeliveryRef => ({ tenantId: 'acme', provider: 'standard', deliveryId, receivedAt: '2026-03-01T00:00:00.000Z' });
const change = (kind: EmployeeChange['kind'], email: string): EmployeeChange => ({
  kind,
  employeeId: 'e-1',
  effectiveAt: null,
  fields: { name: 'Ada Lovelace', email },
  thin: false,
});

it('takes an email that changed only in letter case as unchanged, and a new one as a change', async () => {
  const sync = new HrisSync(rb.commands, rb.queries, rb.drift, async () => null);
  await sync.apply(delivery('d-1'), change('hire', 'Ada.Lovelace@Example.com'), 0);
  const head = await rb.store.headPosition();
  expect(await sync.apply(delivery('d-2'), change('update', 'ada.lovelace@EXAMPLE.com'), 0)).toEqual([]);
  expect(await rb.store.headPosition()).toBe(head);
  const personId = hrisPersonId('acme', 'standard', 'e-1');
  expect(await sync.apply(delivery('d-3'), change('update', 'ada@example.com'), 0)).toEqual([`updated ${personId}: email`]);
  expect(rb.queries.person('acme', personId, { asOf: '2026-03-02T00:00:00.000Z', knownAt: null })?.state.email).toBe('ada@example.com');
});
