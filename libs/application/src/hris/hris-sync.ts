// Turns one employee change from an HRIS delivery into the commands a person would run by hand:
// hire -> registerPerson (+ the role the job title maps to through the reference model's
// aliases), title change -> updatePerson and the matching assignment change, manager change ->
// setManager, termination -> terminatePerson (which ends every assignment). Every command
// carries source hris:PROVIDER and the delivery id as causation, and an idempotency key derived
// from the delivery, so processing a delivery again (a retry, a replay, a crash) changes nothing
// that was already changed. The steps themselves are the ones every directory's employees take (org/reconcile/employee-steps.ts).
import type { EmployeeChange, FetchedEmployee, Provider } from '@rolebook/hris';
import type { OrgQueries, RoleView } from '@rolebook/projections';
import type { DriftService } from '../drift/drift-service';
import type { OrgCommands } from '../org/org-commands';
import {
  describeStep,
  employeePersonId,
  managerSteps,
  registerSteps,
  roleForTitleIn,
  roleSteps,
  runStep,
  stepKey,
  terminationSteps,
  updateSteps,
  type EmployeeStep,
} from '../org/reconcile/employee-steps';

/** Fetches an employee's details from the provider for deliveries that carry only ids. */
export type EmployeeFetcher = (tenantId: string, provider: Provider, employeeId: string) => Promise<FetchedEmployee | null>;

/** Processing cannot go on yet; retried with backoff, then parked with this reason. */
export class NotYetApplicable extends Error {
  constructor(readonly reason: 'UNKNOWN_EMPLOYEE' | 'UNKNOWN_MANAGER' | 'EMPLOYEE_NOT_IN_HRIS') {
    super(reason);
    this.name = 'NotYetApplicable';
  }
}

export interface DeliveryRef {
  tenantId: string;
  provider: Provider;
  deliveryId: string;
  receivedAt: string;
}

/** The Rolebook id of an HRIS employee: the same for every delivery from that provider to that tenant. */
export const hrisPersonId = (tenantId: string, provider: Provider, employeeId: string): string => employeePersonId(tenantId, provider, employeeId);

export class HrisSync {
  constructor(
    private readonly commands: OrgCommands,
    private readonly queries: OrgQueries,
    private readonly drift: DriftService,
    private readonly fetchEmployee: EmployeeFetcher,
  ) {}

  /** Applies change number `index` of a delivery; answers what it did, by id only. */
  async apply(delivery: DeliveryRef, change: EmployeeChange, index: number): Promise<string[]> {
    const { tenantId, provider, deliveryId } = delivery;
    const fetched = change.thin ? await this.fetchEmployee(tenantId, provider, change.employeeId) : null;
    if (change.thin && !fetched) throw new NotYetApplicable('EMPLOYEE_NOT_IN_HRIS');
    const fields = fetched?.fields ?? change.fields;
    // a thin update may be how a departure arrives: the HRIS then says the employee has left
    const kind = fetched?.terminated && change.kind === 'update' ? 'termination' : change.kind;
    const fetchedAt = kind === 'hire' ? fetched?.hiredAt : kind !== change.kind ? fetched?.terminatedAt : null;
    const at = fetchedAt ?? change.effectiveAt ?? delivery.receivedAt;
    const personId = hrisPersonId(tenantId, provider, change.employeeId);
    const current = this.queries.person(tenantId, personId, { asOf: at, knownAt: null })?.state ?? null;
    // a person whose personal data was erased: no reason is recorded about them (it could not be sealed)
    const erased = current?.erasedAt !== undefined;
    const run = async (steps: EmployeeStep[]): Promise<string[]> => {
      for (const step of steps) {
        await runStep(this.commands, step, {
          tenantId,
          actor: `hris:${provider}`,
          source: `hris:${provider}`,
          correlationId: deliveryId,
          causationId: deliveryId,
          reason: erased ? null : `HRIS ${kind}`,
          idempotencyKey: `${deliveryId}:${index}:${stepKey(step)}`,
          expectedVersion: null,
        });
      }
      return steps.map(describeStep);
    };

    if (kind === 'termination') {
      if (!current) throw new NotYetApplicable('UNKNOWN_EMPLOYEE');
      return run(terminationSteps(personId, current, at));
    }
    if (!current && !fields.name) throw new NotYetApplicable('UNKNOWN_EMPLOYEE');
    const done = await run(current ? updateSteps(personId, current, fields, at) : registerSteps(personId, { ...fields, name: fields.name! }, at));

    if (fields.managerId !== undefined) {
      const managerId = fields.managerId === null ? null : hrisPersonId(tenantId, provider, fields.managerId);
      if (managerId && !this.queries.person(tenantId, managerId, { asOf: at, knownAt: null })) throw new NotYetApplicable('UNKNOWN_MANAGER');
      done.push(...(await run(managerSteps(personId, current, managerId, at))));
    }

    // whenever the delivery states a title, not only when it changed: a run cut short after the
    // person was registered or updated must still end with the role the title maps to
    if (fields.title !== undefined) {
      const { model } = await this.drift.modelAt(tenantId, at);
      // a hire or title change dated before the tenant defined the role: held from the role's definition
      const role =
        roleForTitleIn(model, fields.title, this.activeRoles(tenantId, at)) ??
        roleForTitleIn(model, fields.title, this.activeRoles(tenantId, delivery.receivedAt));
      done.push(...(await run(roleSteps(tenantId, personId, current, role, 100, at))));
    }
    return done;
  }

  /** The tenant's active roles at `at` (the roles only, not the whole org: this runs per change). */
  private activeRoles(tenantId: string, at: string): RoleView[] {
    const roles: RoleView[] = [];
    for (let after: string | null = null; ;) {
      const page = this.queries.roles(tenantId, { asOf: at, knownAt: null }, { status: 'Active' }, { first: 500, after });
      roles.push(...page.items.map((item) => item.node.state));
      if (!page.hasNextPage) return roles;
      after = page.items.at(-1)!.cursor;
    }
  }
}
