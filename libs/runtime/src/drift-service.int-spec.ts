import { InvalidInput, NotFound, TENANT_STREAM_ID, streamName } from '@rolebook/domain';
import { defaultReferenceModel } from '@rolebook/reference-model';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

const T = 'acme';
const open = (asOf = '2026-12-31T00:00:00.000Z') => rb.driftQueries.findings(T, asOf, {}, { first: 100, after: null }).items.map((i) => i.node);

const setup = async () => {
  rb.setNow('2026-01-01T00:00:00.000Z');
  const pm = (await rb.commands.defineRole({ name: 'Product Manager', purpose: 'p', responsibilities: ['Decide which campaigns to run'] }, ctx())).id;
  const ada = (await rb.commands.registerPerson({ name: 'Ada', title: 'Product Manager' }, ctx())).id;
  await rb.commands.assignRole({ personId: ada, roleId: pm, allocationPercent: 100 }, ctx());
  return { pm, ada };
};

describe('drift checks', () => {
  it('records what the rules find, with the rule, severity and the passage it rests on', async () => {
    const { pm } = await setup();
    rb.setNow('2026-02-01T00:00:00.000Z');
    const run = await rb.drift.runCheck(T, 'manual', 'run-1');
    expect(run).toMatchObject({ id: 'run-1', trigger: 'manual', checkedAt: '2026-02-01T00:00:00.000Z', modelVersion: 1 });
    const forbidden = open().find((f) => f.ruleId === 'forbidden-responsibility')!;
    expect(forbidden).toMatchObject({ status: 'OPEN', severity: 'critical', subject: { type: 'role', id: pm }, detectedAt: '2026-02-01T00:00:00.000Z' });
    expect(forbidden.source.cite.passage).toContain('campaigns');
    expect(run.detected).toBe(open().length);
  });

  it('makes a retried run a no-op and keeps concurrent runs from duplicating findings', async () => {
    await setup();
    await rb.drift.runCheck(T, 'manual', 'run-1');
    const head = await rb.store.headPosition();
    await rb.drift.runCheck(T, 'manual', 'run-1');
    expect(await rb.store.headPosition()).toBe(head);
    await Promise.all([rb.drift.runCheck(T, 'change'), rb.drift.runCheck(T, 'schedule'), rb.drift.runCheck(T, 'change')]);
    const detected = (await rb.store.readStream(streamName(T, 'drift', TENANT_STREAM_ID))).filter((e) => e.type.startsWith('DriftDetected'));
    expect(new Set(detected.map((e) => (e.data as { findingId: string }).findingId)).size).toBe(detected.length);
    expect(rb.driftQueries.runs(T, { first: 10, after: null }).items).toHaveLength(4);
  });

  it('resolves a finding once the org is fixed, and keeps its history by instant', async () => {
    const { pm } = await setup();
    rb.setNow('2026-02-01T00:00:00.000Z');
    await rb.drift.runCheck(T, 'manual');
    rb.setNow('2026-03-01T00:00:00.000Z');
    await rb.commands.reviseRole(
      {
        roleId: pm,
        responsibilities: ['Engage customers every week', 'Set product strategy', 'Build the roadmap', 'Prioritize features', 'Identify customer problems'],
      },
      ctx(),
    );
    const run = await rb.drift.runCheck(T, 'change');
    expect(run.resolved).toBeGreaterThan(0);
    expect(open().some((f) => f.ruleId === 'forbidden-responsibility')).toBe(false);
    expect(open('2026-02-15T00:00:00.000Z').some((f) => f.ruleId === 'forbidden-responsibility')).toBe(true);
    const resolved = rb.driftQueries.findings(
      T,
      '2026-12-31T00:00:00.000Z',
      { statuses: ['RESOLVED'], ruleId: 'forbidden-responsibility' },
      { first: 10, after: null },
    ).items;
    expect(resolved[0]!.node).toMatchObject({ status: 'RESOLVED', resolvedAt: '2026-03-01T00:00:00.000Z' });
  });

  it('waives a finding with a reason until the waiver expires', async () => {
    await setup();
    rb.setNow('2026-02-01T00:00:00.000Z');
    await rb.drift.runCheck(T, 'manual');
    const finding = open().find((f) => f.ruleId === 'forbidden-responsibility')!;
    await rb.drift.waiveFinding(
      { findingId: finding.id, reason: 'agreed with the CPO until the reorg', expiresAt: '2026-06-01T00:00:00.000Z' },
      ctx({ tenantId: T, actor: 'cpo' }),
    );
    const at = (asOf: string) => rb.driftQueries.finding(T, finding.id, asOf)!;
    expect(at('2026-03-01T00:00:00.000Z')).toMatchObject({ status: 'WAIVED', waiver: { reason: 'agreed with the CPO until the reorg', actor: 'cpo' } });
    expect(at('2026-07-01T00:00:00.000Z')).toMatchObject({ status: 'OPEN', waiver: null });
    await expect(rb.drift.waiveFinding({ findingId: 'nope', reason: 'x' }, ctx({ tenantId: T }))).rejects.toBeInstanceOf(NotFound);
    await expect(rb.drift.waiveFinding({ findingId: finding.id, reason: '' }, ctx({ tenantId: T }))).rejects.toBeInstanceOf(InvalidInput);
  });

  it('measures against the reference model in force at the instant checked', async () => {
    await setup();
    const lenient = structuredClone(defaultReferenceModel);
    lenient.roles.find((r) => r.key === 'product-manager')!.practices = [];
    await rb.drift.publishReferenceModel({ model: lenient, effectiveAt: '2026-06-01T00:00:00.000Z' }, ctx({ tenantId: T, reason: 'our PMs run campaigns' }));
    rb.setNow('2026-05-01T00:00:00.000Z');
    expect((await rb.drift.runCheck(T, 'manual')).modelVersion).toBe(1);
    expect(open().some((f) => f.ruleId === 'forbidden-responsibility')).toBe(true);
    rb.setNow('2026-07-01T00:00:00.000Z');
    expect((await rb.drift.runCheck(T, 'manual')).modelVersion).toBe(2);
    expect(open().some((f) => f.ruleId === 'forbidden-responsibility')).toBe(false);
    await expect(rb.drift.publishReferenceModel({ model: { ...lenient, roles: [] } }, ctx({ tenantId: T }))).rejects.toBeInstanceOf(InvalidInput);
  });

  it('refuses a model whose roles report to themselves or round in a cycle, or whose citations it cannot verify, recording nothing', async () => {
    const refused = async (edit: (model: typeof defaultReferenceModel) => void) => {
      const model = structuredClone(defaultReferenceModel);
      edit(model);
      const error: unknown = await rb.drift.publishReferenceModel({ model }, ctx({ tenantId: T })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      return error as InvalidInput;
    };
    expect(await refused((m) => (m.roles[0]!.reportsTo = [m.roles[0]!.key]))).toMatchObject({
      reason: 'SELF_REPORTING_ROLE',
      field: 'model.roles.0.reportsTo.0',
    });
    const cycle = await refused((m) => m.roles.find((r) => r.key === 'chief-product-officer')!.reportsTo.push('associate-product-manager'));
    expect(cycle.reason).toBe('REPORTING_CYCLE');
    // this Rolebook has no seed texts: a citation the built-in model does not make cannot be checked
    const reworded = await refused((m) => (m.rules.vacantRole.cite.passage = `${m.rules.vacantRole.cite.passage} always`));
    expect(reworded).toMatchObject({ reason: 'UNVERIFIABLE_CITATION', field: 'model.rules.vacantRole.cite' });
    expect(reworded.message).not.toContain('always');
    expect(await rb.store.headPosition()).toBeNull();
  });
});
