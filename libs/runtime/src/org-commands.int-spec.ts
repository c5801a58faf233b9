import { Conflict, InvalidInput, NotFound, RuleViolation, streamName } from '@rolebook/domain';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const JAN = '2026-01-01T00:00:00.000Z';
const FEB = '2026-02-01T00:00:00.000Z';
const MAR = '2026-03-01T00:00:00.000Z';
const APR = '2026-04-01T00:00:00.000Z';
const now = { asOf: '2026-06-01T12:00:00.000Z', knownAt: null };

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

const rejects = async (promise: Promise<unknown>, errorClass: abstract new (...args: never[]) => Error, reason: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorClass);
  expect((error as { reason: string }).reason).toBe(reason);
};

const role = async (name: string, effectiveAt = JAN) => (await rb.commands.defineRole({ name, purpose: `${name} purpose`, effectiveAt }, ctx())).id;
const person = async (name: string, effectiveAt = JAN) => (await rb.commands.registerPerson({ name, effectiveAt }, ctx())).id;

describe('org commands on the embedded store', () => {
  it('makes its own writes visible to queries before returning', async () => {
    const result = await rb.commands.defineRole({ name: 'Product Manager', purpose: 'Outcomes', responsibilities: ['Discovery'] }, ctx());
    expect(result).toMatchObject({ version: 1, changed: true });
    expect(rb.queries.role('acme', result.id, now)).toMatchObject({ version: 1, state: { name: 'Product Manager', status: 'Active' } });
  });

  it('records metadata on every event and keeps personal data out of stream names', async () => {
    const id = (await rb.commands.registerPerson({ name: 'Ada Lovelace', email: 'ada@example.com', effectiveAt: FEB }, ctx({ reason: 'hired', actor: 'u-1' })))
      .id;
    const [event] = await rb.store.readStream(streamName('acme', 'person', id));
    expect(event!.stream).not.toMatch(/ada/i);
    expect(event!.type).toBe('PersonRegistered.v1');
    expect(event!.metadata).toMatchObject({ tenantId: 'acme', actor: 'u-1', reason: 'hired', correlationId: 'corr-1', source: 'api', effectiveAt: FEB });
  });

  it('keeps tenants apart', async () => {
    const id = await role('PM');
    expect(rb.queries.role('other', id, now)).toBeNull();
    expect(rb.queries.roles('other', now, {}, { first: 10, after: null }).totalCount()).toBe(0);
  });

  describe('idempotency', () => {
    it('appends once for a request sent twice with one key', async () => {
      const input = { name: 'PM', purpose: 'p' };
      const first = await rb.commands.defineRole(input, ctx({ idempotencyKey: 'k1' }));
      rb.setNow('2026-06-02T00:00:00.000Z'); // the retry comes later: effectiveAt defaults differently
      const again = await rb.commands.defineRole(input, ctx({ idempotencyKey: 'k1' }));
      expect(again).toEqual({ ...first, changed: false });
      expect(await rb.store.readAll({ after: null, limit: 10 })).toHaveLength(1);
    });

    it('refuses a key reused with different input, changing nothing', async () => {
      const id = await role('PM');
      await rb.commands.reviseRole({ roleId: id, name: 'A' }, ctx({ idempotencyKey: 'k2' }));
      await rejects(rb.commands.reviseRole({ roleId: id, name: 'B' }, ctx({ idempotencyKey: 'k2' })), InvalidInput, 'IDEMPOTENCY_KEY_REUSED');
      expect(rb.queries.role('acme', id, now)?.state.name).toBe('A');
    });

    it('lets concurrent retries of one request land once', async () => {
      const id = await role('PM');
      const results = await Promise.all(Array.from({ length: 5 }, () => rb.commands.reviseRole({ roleId: id, purpose: 'new' }, ctx({ idempotencyKey: 'k3' }))));
      expect(new Set(results.map((r) => r.version))).toEqual(new Set([2]));
      expect(await rb.store.readStream(streamName('acme', 'role', id))).toHaveLength(2);
    });
  });

  describe('optimistic concurrency', () => {
    it('returns CONFLICT for a stale expectedVersion and changes nothing', async () => {
      const id = await role('PM');
      await rb.commands.reviseRole({ roleId: id, name: 'A' }, ctx({ expectedVersion: 1 }));
      await rejects(rb.commands.reviseRole({ roleId: id, name: 'B' }, ctx({ expectedVersion: 1 })), Conflict, 'VERSION_MISMATCH');
      expect(rb.queries.role('acme', id, now)).toMatchObject({ version: 2, state: { name: 'A' } });
    });

    it('re-checks the rules when concurrent writers race: allocations never exceed 100%', async () => {
      const ada = await person('Ada');
      const roles = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => role(n)));
      const results = await Promise.allSettled(
        roles.map((roleId) => rb.commands.assignRole({ personId: ada, roleId, allocationPercent: 40, effectiveAt: FEB }, ctx())),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ reason: 'ALLOCATION_EXCEEDED' });
      expect(rb.queries.person('acme', ada, now)!.state.assignments).toHaveLength(2);
    });
  });

  describe('cross-aggregate rules', () => {
    it('refuses a reporting cycle through the line', async () => {
      const [a, b, c] = [await person('A'), await person('B'), await person('C')];
      await rb.commands.setManager({ personId: b, managerId: a, effectiveAt: FEB }, ctx());
      await rb.commands.setManager({ personId: c, managerId: b, effectiveAt: FEB }, ctx());
      await rejects(rb.commands.setManager({ personId: a, managerId: c, effectiveAt: MAR }, ctx()), RuleViolation, 'REPORTING_CYCLE');
    });

    it('refuses a manager who does not exist', async () => {
      const a = await person('A');
      await rejects(rb.commands.setManager({ personId: a, managerId: '00000000-0000-4000-8000-000000000099' }, ctx()), NotFound, 'MANAGER_NOT_FOUND');
    });

    it('refuses to assign a retired role, and to retire a role still held', async () => {
      const [a, pm] = [await person('A'), await role('PM')];
      await rb.commands.assignRole({ personId: a, roleId: pm, allocationPercent: 100, effectiveAt: FEB, effectiveTo: MAR }, ctx());
      await rejects(rb.commands.retireRole({ roleId: pm, effectiveAt: FEB }, ctx()), RuleViolation, 'ROLE_STILL_ASSIGNED');
      await rb.commands.retireRole({ roleId: pm, effectiveAt: MAR }, ctx());
      await rejects(rb.commands.assignRole({ personId: a, roleId: pm, allocationPercent: 10, effectiveAt: APR }, ctx()), RuleViolation, 'ROLE_RETIRED');
    });

    it('refuses to retire a role held after the date by someone who changed once the assignment had ended', async () => {
      const [a, pm] = [await person('A'), await role('PM')];
      await rb.commands.assignRole({ personId: a, roleId: pm, allocationPercent: 100, effectiveAt: FEB, effectiveTo: MAR }, ctx());
      // A's version from April on no longer links the ended assignment: the versions before it do
      await rb.commands.updatePerson({ personId: a, title: 'Lead', effectiveAt: APR }, ctx());
      await rejects(rb.commands.retireRole({ roleId: pm, effectiveAt: FEB }, ctx()), RuleViolation, 'ROLE_STILL_ASSIGNED');
      await rb.commands.retireRole({ roleId: pm, effectiveAt: MAR }, ctx());
    });

    it('refuses a team cycle', async () => {
      const parent = (await rb.commands.createTeam({ name: 'Product' }, ctx())).id;
      const child = (await rb.commands.createTeam({ name: 'Growth', parentTeamId: parent }, ctx())).id;
      await rejects(rb.commands.updateTeam({ teamId: parent, parentTeamId: child }, ctx()), RuleViolation, 'TEAM_CYCLE');
    });

    it('maps a role to a role of the reference model, and refuses an unknown one', async () => {
      const id = (await rb.commands.defineRole({ name: 'PM', purpose: 'p', referenceRoleKey: 'product-manager' }, ctx())).id;
      expect(rb.queries.role('acme', id, now)?.state.referenceRoleKey).toBe('product-manager');
      await rejects(rb.commands.reviseRole({ roleId: id, referenceRoleKey: 'astronaut' }, ctx()), InvalidInput, 'UNKNOWN_REFERENCE_ROLE');
      await rejects(rb.commands.defineRole({ name: 'X', purpose: 'p', referenceRoleKey: 'astronaut' }, ctx()), InvalidInput, 'UNKNOWN_REFERENCE_ROLE');
    });

    it('rejects malformed input with the field named and appends nothing', async () => {
      await rejects(rb.commands.registerPerson({ name: '', email: 'x' }, ctx()), InvalidInput, 'INVALID_INPUT');
      await rejects(rb.commands.assignRole({ personId: 'not-a-uuid', roleId: 'x', allocationPercent: 10 }, ctx()), InvalidInput, 'INVALID_INPUT');
      expect(await rb.store.headPosition()).toBeNull();
    });
  });

  describe('the temporal read model', () => {
    it('answers as of an effective date and as known at a recorded date', async () => {
      rb.setNow('2026-01-10T00:00:00.000Z');
      const ada = await person('Ada', JAN);
      const [boss1, boss2] = [await person('Boss One', JAN), await person('Boss Two', JAN)];
      await rb.commands.setManager({ personId: ada, managerId: boss1, effectiveAt: JAN }, ctx());
      await rb.commands.updatePerson({ personId: ada, title: 'Product Manager', effectiveAt: FEB }, ctx());

      // recorded late: on 15 March we learn the manager changed on 1 March
      rb.setNow('2026-03-15T00:00:00.000Z');
      await rb.commands.setManager({ personId: ada, managerId: boss2, effectiveAt: MAR }, ctx());
      // and a title change that takes effect in the future
      await rb.commands.updatePerson({ personId: ada, title: 'Senior PM', effectiveAt: '2026-07-01T00:00:00.000Z' }, ctx());

      const at = (asOf: string, knownAt: string | null) => rb.queries.person('acme', ada, { asOf, knownAt })!.state;
      expect(at('2026-03-02T00:00:00.000Z', null)).toMatchObject({ managerId: boss2, title: 'Product Manager' });
      // as it was known on 10 March, nobody knew of the change yet
      expect(at('2026-03-02T00:00:00.000Z', '2026-03-10T00:00:00.000Z')).toMatchObject({ managerId: boss1 });
      expect(at('2026-01-15T00:00:00.000Z', null)).toMatchObject({ managerId: boss1, title: null });
      expect(at('2026-07-02T00:00:00.000Z', null).title).toBe('Senior PM');
      expect(at('2026-06-01T00:00:00.000Z', null).title).toBe('Product Manager');
      // before registration the person did not exist; known before it was recorded, neither
      expect(rb.queries.person('acme', ada, { asOf: '2025-12-31T00:00:00.000Z', knownAt: null })).toBeNull();
      expect(rb.queries.person('acme', ada, { asOf: MAR, knownAt: '2026-01-01T00:00:00.000Z' })).toBeNull();
      // direct reports follow the same axes
      expect(rb.queries.directReports('acme', boss1, { asOf: '2026-03-02T00:00:00.000Z', knownAt: null })).toHaveLength(0);
      expect(rb.queries.directReports('acme', boss1, { asOf: '2026-03-02T00:00:00.000Z', knownAt: '2026-03-10T00:00:00.000Z' })).toHaveLength(1);
      // the version counts what was known
      expect(rb.queries.person('acme', ada, { asOf: MAR, knownAt: '2026-03-10T00:00:00.000Z' })!.version).toBe(3);
    });

    it('shows role holders and team members at an instant', async () => {
      const [ada, pm] = [await person('Ada'), await role('PM')];
      const team = (await rb.commands.createTeam({ name: 'Growth', effectiveAt: JAN }, ctx())).id;
      await rb.commands.addTeamMember({ teamId: team, personId: ada, effectiveAt: FEB }, ctx());
      await rb.commands.assignRole({ personId: ada, roleId: pm, allocationPercent: 50, effectiveAt: FEB, effectiveTo: APR }, ctx());
      const holders = (asOf: string) => rb.queries.roleHolders('acme', pm, { asOf, knownAt: null }).length;
      expect([holders(JAN), holders(MAR), holders(APR)]).toEqual([0, 1, 0]);
      const inTeam = (asOf: string) => rb.queries.people('acme', { asOf, knownAt: null }, { teamId: team }, { first: 10, after: null }).totalCount();
      expect([inTeam(JAN), inTeam(MAR)]).toEqual([0, 1]);
      expect(rb.queries.teamsOf('acme', ada, { asOf: MAR, knownAt: null }).map((t) => t.state.name)).toEqual(['Growth']);
    });

    it('ends every assignment at termination, at the right instant', async () => {
      const [ada, pm] = [await person('Ada'), await role('PM')];
      await rb.commands.assignRole({ personId: ada, roleId: pm, allocationPercent: 50, effectiveAt: FEB }, ctx());
      await rb.commands.terminatePerson({ personId: ada, effectiveAt: APR }, ctx());
      expect(rb.queries.person('acme', ada, { asOf: MAR, knownAt: null })!.state.status).toBe('Active');
      expect(rb.queries.person('acme', ada, { asOf: APR, knownAt: null })!.state).toMatchObject({ status: 'Terminated' });
      expect(rb.queries.roleHolders('acme', pm, { asOf: MAR, knownAt: null })).toHaveLength(1);
      expect(rb.queries.roleHolders('acme', pm, { asOf: APR, knownAt: null })).toHaveLength(0);
    });

    it('pages in name order with stable cursors and filters', async () => {
      for (const name of ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo']) await role(name);
      const first = rb.queries.roles('acme', now, {}, { first: 2, after: null });
      expect(first.items.map((i) => i.node.state.name)).toEqual(['alpha', 'bravo']);
      expect(first.hasNextPage).toBe(true);
      expect(first.totalCount()).toBe(5);
      const second = rb.queries.roles('acme', now, {}, { first: 10, after: first.items[1]!.cursor });
      expect(second.items.map((i) => i.node.state.name)).toEqual(['Charlie', 'Delta', 'Echo']);
      expect(second.hasNextPage).toBe(false);
      expect(rb.queries.roles('acme', now, { nameContains: 'LT' }, { first: 10, after: null }).items.map((i) => i.node.state.name)).toEqual(['Delta']);
      expect(rb.queries.roles('acme', now, { nameContains: '%' }, { first: 10, after: null }).totalCount()).toBe(0);
    });
  });

  it('survives a restart: the projection resumes from its checkpoint without reapplying', async () => {
    const id = await role('PM');
    await rb.commands.reviseRole({ roleId: id, name: 'Senior PM' }, ctx());
    await rb.close();
    rb = rb.reopen();
    await rb.projector.catchUp();
    expect(rb.queries.role('acme', id, now)).toMatchObject({ version: 2, state: { name: 'Senior PM' } });
    await rb.commands.reviseRole({ roleId: id, name: 'Lead PM' }, ctx({ expectedVersion: 2 }));
    expect(rb.queries.role('acme', id, now)?.version).toBe(3);
  });
});
