// The in-process read figures of issue #14: point reads, counts, lists and a year's diff at
// random instants on both axes. The full benchmark prints them after generating an org;
// read-queries.bench.ts prints them alone on a read model kept from an earlier run.
import type { OrgQueries } from '@rolebook/projections';
import { randomSource, YEAR } from './generate-org';
import { sample, type Report } from './figures';

/** The ids and time span of a generated org: what the reads pick from. */
export interface ReadTargets {
  people: string[];
  roles: string[];
  teams: string[];
  managers: string[];
  start: number;
  end: number;
}

export const readFigures = async (report: Report, queries: OrgQueries, tenantId: string, org: ReadTargets): Promise<void> => {
  const T = tenantId;
  // asOf over the five years and 90 days beyond; knownAt half the time
  const { random, pick } = randomSource(7);
  const instant = (from: number, to: number) => new Date(from + Math.floor(random() * (to - from))).toISOString();
  const randomAt = () => ({ asOf: instant(org.start, org.end + 90 * 24 * 3600 * 1000), knownAt: random() < 0.5 ? null : instant(org.start, org.end) });
  report.latency('person(id) at random asOf/knownAt', await sample(2000, () => queries.person(T, pick(org.people), randomAt())), 2);
  report.latency('role(id) at random asOf/knownAt', await sample(1000, () => queries.role(T, pick(org.roles), randomAt())), 2);
  // what openRolebook does once caught up: the counts' first read of every version and link
  report.timing('counts read into memory (once, at start)', await sample(1, () => queries.warmCounts()));
  report.timing('diff columns read into memory (once, at start)', await sample(1, () => queries.warmDiffs()));
  report.latency('org { stats }', await sample(50, () => queries.stats(T, randomAt())), 20);
  report.latency('people { totalCount }', await sample(100, () => queries.people(T, randomAt(), {}, { first: 1, after: null }).totalCount()), 20);
  report.latency('directReports', await sample(500, () => queries.directReports(T, pick(org.managers), randomAt())), 20);
  report.latency(
    'people(filter: { roleId }, first: 50)',
    await sample(200, () => queries.people(T, randomAt(), { roleId: pick(org.roles) }, { first: 50, after: null })),
    20,
  );
  report.latency(
    'people(filter: { teamId }, first: 50)',
    await sample(200, () => queries.people(T, randomAt(), { teamId: pick(org.teams) }, { first: 50, after: null })),
    20,
  );
  report.timing('people(first: 50), no count', await sample(200, () => queries.people(T, randomAt(), {}, { first: 50, after: null })));
  report.latency(
    'orgDiff across a year',
    await sample(10, () => {
      const from = org.start + 1.5 * YEAR + random() * 2.5 * YEAR;
      queries.diff(T, new Date(from).toISOString(), new Date(from + YEAR).toISOString(), null);
    }),
    100,
  );
};
