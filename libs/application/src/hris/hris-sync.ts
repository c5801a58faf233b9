// Turns one employee change from an HRIS delivery into the commands a person would run by hand:
// hire -> registerPerson (+ the role the job title maps to through the reference model's
// aliases), title change -> updatePerson and the matching assignment change, manager change ->
// setManager, termination -> terminatePerson (which ends every assignment). Every command
// carries source hris:PROVIDER and the delivery id as causation, and an idempotency key derived
// from the delivery, so processing a delivery again (a retry, a replay, a crash) changes nothing
// that was already changed.
import { inForceAt, sameEmail } from '@rolebook/domain';
import type { EmployeeChange, FetchedEmployee, Provider } from '@rolebook/hris';
import type { OrgQueries, RoleView } from '@rolebook/projections';
import { referenceRoleOf, roleForTitle } from '@rolebook/reference-model';
import type { DriftService } from '../drift/drift-service';
import type { OrgCommands } from '../org/org-commands';
import { derivedId } from '../shared/ids';
import type { RequestContext } from '../shared/request-context';

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
export const hrisPersonId = (tenantId: string, provider: Provider, employeeId: string): string =>
  derivedId(`${provider}:${employeeId}`, tenantId, 'HrisEmployee');

const hrisAssignmentId = (tenantId: string, personId: string, roleId: string): string => derivedId(`${personId}:${roleId}`, tenantId, 'HrisAssignment');

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
    // a person whose personal data was erased: the HRIS still sends their name and email, which are
    // not recorded again, and no reason is recorded about them (it could not be sealed); their
    // structural changes (title, manager, role, termination) still apply
    const erased = current?.erasedAt !== undefined;
    const ctx = (step: string): RequestContext => ({
      tenantId,
      actor: `hris:${provider}`,
      source: `hris:${provider}`,
      correlationId: deliveryId,
      causationId: deliveryId,
      reason: erased ? null : `HRIS ${kind}`,
      idempotencyKey: `${deliveryId}:${index}:${step}`,
      expectedVersion: null,
    });
    const done: string[] = [];

    if (kind === 'termination') {
      if (!current) throw new NotYetApplicable('UNKNOWN_EMPLOYEE');
      if (current.status !== 'Terminated') {
        await this.commands.terminatePerson({ personId, effectiveAt: at }, ctx('terminate'));
        done.push(`terminated ${personId}`);
      }
      return done;
    }

    if (!current) {
      if (!fields.name) throw new NotYetApplicable('UNKNOWN_EMPLOYEE');
      await this.commands.registerPerson(
        { id: personId, name: fields.name, email: fields.email ?? null, title: fields.title ?? null, effectiveAt: at },
        ctx('register'),
      );
      done.push(`registered ${personId}`);
    } else {
      const changes = {
        ...(!erased && fields.name !== undefined && fields.name !== current.name ? { name: fields.name } : {}),
        // an HRIS that re-cases an address has not changed it
        ...(!erased && fields.email !== undefined && !sameEmail(fields.email, current.email) ? { email: fields.email } : {}),
        ...(fields.title !== undefined && fields.title !== current.title ? { title: fields.title } : {}),
      };
      if (Object.keys(changes).length > 0) {
        await this.commands.updatePerson({ personId, ...changes, effectiveAt: at }, ctx('update'));
        done.push(`updated ${personId}: ${Object.keys(changes).join(', ')}`);
      }
    }

    if (fields.managerId !== undefined) {
      const managerId = fields.managerId === null ? null : hrisPersonId(tenantId, provider, fields.managerId);
      if (managerId && !this.queries.person(tenantId, managerId, { asOf: at, knownAt: null })) throw new NotYetApplicable('UNKNOWN_MANAGER');
      if (managerId !== (current?.managerId ?? null)) {
        await this.commands.setManager({ personId, managerId, effectiveAt: at }, ctx('manager'));
        done.push(`manager of ${personId} set`);
      }
    }

    // whenever the delivery states a title, not only when it changed: a run cut short after the
    // person was registered or updated must still end with the role the title maps to
    if (fields.title !== undefined) done.push(...(await this.matchRole(ctx, delivery, personId, fields.title, at)));
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

  /** Holds the person in the tenant role the title maps to (through the reference model), ending HRIS-made ones that no longer match. */
  private async matchRole(ctx: (step: string) => RequestContext, delivery: DeliveryRef, personId: string, title: string | null, at: string): Promise<string[]> {
    const { tenantId, receivedAt } = delivery;
    const { model } = await this.drift.modelAt(tenantId, at);
    const reference = roleForTitle(model, title);
    const matches = (r: RoleView) => referenceRoleOf(model, r)?.key === reference?.key;
    // a hire or title change dated before the tenant defined the role: held from the role's definition
    const role = reference ? (this.activeRoles(tenantId, at).find(matches) ?? this.activeRoles(tenantId, receivedAt).find(matches)) : undefined;
    const from = role && role.definedAt > at ? role.definedAt : at;
    const openAt = (instant: string) =>
      (this.queries.person(tenantId, personId, { asOf: instant, knownAt: null })?.state.assignments ?? []).filter((a) => inForceAt(a, instant));
    const open = openAt(at);
    const done: string[] = [];
    for (const a of open) {
      if (a.assignmentId !== hrisAssignmentId(tenantId, personId, a.roleId) || a.roleId === role?.id) continue;
      await this.commands.endRoleAssignment({ personId, assignmentId: a.assignmentId, effectiveAt: at }, ctx(`end:${a.assignmentId}`));
      done.push(`ended assignment ${a.assignmentId}`);
    }
    if (role && !(from === at ? open : openAt(from)).some((a) => a.roleId === role.id)) {
      const assignmentId = hrisAssignmentId(tenantId, personId, role.id);
      await this.commands.assignRole({ personId, roleId: role.id, assignmentId, allocationPercent: 100, effectiveAt: from }, ctx(`assign:${role.id}`));
      done.push(`assigned role ${role.id}`);
    }
    return done;
  }
}
