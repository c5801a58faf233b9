import fc from 'fast-check';
import { type Effective } from '../shared/decider';
import { NotFound, RuleViolation } from '../shared/errors';
import { deciderSpec, T0 } from '../testing/given';
import type { DriftCommand, RecordDriftCheck } from './drift.commands';
import { driftDecider, evolve, evolveAll, initialState } from './drift.decider';
import type { DriftEvent } from './drift.events';
import type { DriftFindingData } from './finding';

const given = deciderSpec(driftDecider);
const finding = (id: string): DriftFindingData => ({
  findingId: id,
  ruleId: 'vacant-role',
  severity: 'warning',
  subject: { type: 'role', id: `role-${id}` },
  message: 'the role has no holder',
  evidence: {},
  source: { entry: 'model', cite: { source: '001', passage: 'p' } },
});
const check = (runId: string, ids: string[]): RecordDriftCheck => ({
  type: 'RecordDriftCheck',
  effectiveAt: T0,
  runId,
  trigger: 'manual',
  durationMs: 3,
  modelVersion: 1,
  findings: ids.map(finding),
});
const detected = (id: string, runId = 'r1'): DriftEvent => ({ type: 'DriftDetected', data: { ...finding(id), runId } });
const resolved = (id: string, runId: string): DriftEvent => ({ type: 'DriftResolved', data: { findingId: id, runId } });
const completed = (runId: string, counts: { detected: number; resolved: number; open: number }): DriftEvent => ({
  type: 'DriftCheckCompleted',
  data: { runId, trigger: 'manual', durationMs: 3, modelVersion: 1, ...counts },
});
const waive = (findingId: string, expiresAt: string | null = null): DriftCommand => ({
  type: 'WaiveDriftFinding',
  effectiveAt: T0,
  findingId,
  reason: 'accepted',
  expiresAt,
});

describe('Drift', () => {
  it('opens what a check newly finds, in id order', () =>
    given([])
      .when(check('r1', ['b', 'a']))
      .then([detected('a'), detected('b'), completed('r1', { detected: 2, resolved: 0, open: 2 })]));
  it('does not open again what is already open', () =>
    given([detected('a'), completed('r1', { detected: 1, resolved: 0, open: 1 })])
      .when(check('r2', ['a']))
      .then([completed('r2', { detected: 0, resolved: 0, open: 1 })]));
  it('resolves what a check no longer finds, in id order', () =>
    given([detected('b'), detected('a'), detected('c')])
      .when(check('r2', ['c']))
      .then([resolved('a', 'r2'), resolved('b', 'r2'), completed('r2', { detected: 0, resolved: 2, open: 1 })]));
  it('opens again a finding found after it was resolved', () =>
    given([detected('a'), resolved('a', 'r2')])
      .when(check('r3', ['a']))
      .then([detected('a', 'r3'), completed('r3', { detected: 1, resolved: 0, open: 1 })]));
  it('waives an open finding', () =>
    given([detected('a')])
      .when(waive('a', '2027-01-01T00:00:00.000Z'))
      .then([{ type: 'DriftWaived', data: { findingId: 'a', reason: 'accepted', expiresAt: '2027-01-01T00:00:00.000Z' } }]));
  it('cannot waive a finding that is not open', () =>
    given([detected('a'), resolved('a', 'r2')])
      .when(waive('a'))
      .thenThrows(NotFound, 'FINDING_NOT_FOUND'));
  it('cannot waive until an instant already past', () =>
    given([detected('a')])
      .when(waive('a', T0))
      .thenThrows(RuleViolation, 'EXPIRY_IN_THE_PAST'));

  const event = fc.oneof(
    fc.constantFrom('a', 'b', 'c', 'd').map((id) => detected(id)),
    fc.constantFrom('a', 'b', 'c', 'd').map((id) => resolved(id, 'r')),
    fc.constant(completed('r', { detected: 0, resolved: 0, open: 0 })),
    fc.constant<DriftEvent>({ type: 'DriftWaived', data: { findingId: 'a', reason: 'x', expiresAt: null } }),
  );
  const effective = (events: DriftEvent[]): Effective<DriftEvent>[] => events.map((e) => ({ ...e, effectiveAt: T0 }));

  it('folds many events at once as it folds them one by one, leaving the state it started from as it was', () =>
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.array(event, { maxLength: 30 }), (before, after) => {
        const start = effective(before).reduce(evolve, initialState());
        const openBefore = [...start.open];
        const all = evolveAll(start, effective(after));
        const one = effective(after).reduce(evolve, start);
        expect([...all.open].sort()).toEqual([...one.open].sort());
        expect(all.runs).toBe(one.runs);
        expect([...start.open]).toEqual(openBefore);
      }),
    ));

  it('folds a long history (thousands of findings opened and resolved) in one pass', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `f${i}`);
    const history = effective([...ids.map((id) => detected(id)), ...ids.slice(0, 5_000).map((id) => resolved(id, 'r2'))]);
    const state = evolveAll(initialState(), history);
    expect(state.open.size).toBe(15_000);
    expect(state.open.has('f4999')).toBe(false);
    expect(state.open.has('f5000')).toBe(true);
  });
});
