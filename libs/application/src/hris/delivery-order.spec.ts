import type { EmployeeChange } from '@rolebook/hris';
import { DeliveryOrder, deliveryKeys } from './delivery-order';

const change = (employeeId: string, fields: EmployeeChange['fields'] = {}, thin = false): EmployeeChange => ({
  kind: 'update',
  employeeId,
  effectiveAt: null,
  fields,
  thin,
});

describe('deliveryKeys', () => {
  it('names the employees of a delivery, and for a change of manager the manager and the reporting lines', () => {
    expect(deliveryKeys('t', 'p', [change('E1', { title: 'PM' }), change('E2', { managerId: 'M1' })])).toEqual(['t/p:E1', 't/p:E2', 't/p:M1', 't#lines']);
    // no manager: no line can be closed into a cycle
    expect(deliveryKeys('t', 'p', [change('E1', { managerId: null })])).toEqual(['t/p:E1']);
  });

  it('knows nothing of a thin delivery before it runs', () => expect(deliveryKeys('t', 'p', [change('E1'), change('E2', {}, true)])).toBeNull());
});

describe('DeliveryOrder', () => {
  /** Enters deliveries in order; answers which have started after each step settles. */
  const setUp = (keys: (string[] | null)[]) => {
    const order = new DeliveryOrder();
    const started = new Set<number>();
    const ends = keys.map((k, i) => {
      let end!: () => void;
      void order.enter(k, new Promise<void>((resolve) => (end = resolve))).then(() => started.add(i));
      return end;
    });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    return { started, ends, settle };
  };

  it('starts unrelated deliveries together and one about the same employee after the earlier one ends', async () => {
    const { started, ends, settle } = setUp([['E1'], ['E2'], ['E1', 'E3'], ['E3']]);
    await settle();
    expect([...started].sort()).toEqual([0, 1]);
    ends[1]!();
    await settle();
    expect([...started].sort()).toEqual([0, 1]);
    ends[0]!();
    await settle();
    expect([...started].sort()).toEqual([0, 1, 2]);
    ends[2]!();
    await settle();
    expect([...started].sort()).toEqual([0, 1, 2, 3]);
  });

  it('runs a delivery of unknown keys after every earlier one and before every later one', async () => {
    const { started, ends, settle } = setUp([['E1'], ['E2'], null, ['E3']]);
    await settle();
    expect([...started].sort()).toEqual([0, 1]);
    ends[0]!();
    await settle();
    expect(started.has(2)).toBe(false);
    ends[1]!();
    await settle();
    expect([...started].sort()).toEqual([0, 1, 2]);
    ends[2]!();
    await settle();
    expect(started.has(3)).toBe(true);
  });
});
