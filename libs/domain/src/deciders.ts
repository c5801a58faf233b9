// The decider of each aggregate kind, for code that handles every kind alike.
import type { Decider, Effective } from './shared/decider';
import type { AggregateKind } from './shared/streams';
import { personDecider } from './person/person.decider';
import { roleDecider } from './role/role.decider';
import { teamDecider } from './team/team.decider';
import { driftDecider } from './drift/drift.decider';
import { referenceDecider } from './reference/reference.decider';
import type { OrgEvent } from './catalog';

export type AnyState = { status: string };
export type AnyDecider = Decider<never, OrgEvent, AnyState>;

const byKind = { role: roleDecider, person: personDecider, team: teamDecider, drift: driftDecider, reference: referenceDecider };

export const deciderFor = (kind: AggregateKind): AnyDecider => byKind[kind] as unknown as AnyDecider;

export type EffectiveOrgEvent = Effective<OrgEvent>;
