// The order in which the deliveries of one group are applied, so that applying them together has
// the effect of applying them one after another: a delivery starts once every earlier delivery of
// the group that shares a key with it has ended, and unrelated ones run together. Its keys are the
// employees it names and the managers it names for them (who must exist, be active, and not report
// to them), and, for a change of manager, the tenant's reporting lines as a whole: a cycle check
// reads the whole line above the manager, which any other change of manager may alter. A delivery
// whose employees are not known before it runs (a thin one: its details come from the provider's
// API) waits for every earlier one, and every later one waits for it.
import type { EmployeeChange } from '@rolebook/hris';

/** What a delivery's changes are about (its employees by the tenant's and provider's ids); null when that cannot be known before it runs. */
export const deliveryKeys = (tenantId: string, provider: string, changes: readonly EmployeeChange[]): string[] | null => {
  if (changes.some((c) => c.thin)) return null;
  const employee = (id: string) => `${tenantId}/${provider}:${id}`;
  return changes.flatMap((c) => {
    const manager = c.fields.managerId;
    // the reporting lines are the tenant's, whichever provider names them
    return manager ? [employee(c.employeeId), employee(manager), `${tenantId}#lines`] : [employee(c.employeeId)];
  });
};

export class DeliveryOrder {
  private readonly last = new Map<string, Promise<void>>();
  private readonly entered: Promise<void>[] = [];
  private barrier: Promise<void> = Promise.resolve();

  /**
   * Enters the next delivery of the group (in delivery order), about `keys` (null: unknown), that
   * ends when `ended` settles; answers once it may start.
   */
  enter(keys: readonly string[] | null, ended: Promise<void>): Promise<void> {
    const before = keys === null ? [...this.entered] : [this.barrier, ...keys.flatMap((k) => this.last.get(k) ?? [])];
    if (keys === null) this.barrier = ended;
    else for (const key of keys) this.last.set(key, ended);
    this.entered.push(ended);
    return Promise.all(before).then(() => undefined);
  }
}
