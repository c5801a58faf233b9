// Everything that reads one read-model database (each holds statements prepared on it), and the
// stand-ins the rest of the composition holds instead: each passes every call on to the read side
// current at the time of the call, so that the read model can be switched (rebuild --beside)
// without re-creating the commands, the drift service (and the state it keeps), the resolvers or
// the runners that hold them.
import { DriftOrgReads, DriftQueries, EventQueries, OrgChartQueries, OrgQueries, ReadModelFacts, type ReadModelDb } from '@rolebook/projections';

export interface ReadSide {
  db: ReadModelDb;
  queries: OrgQueries;
  chart: OrgChartQueries;
  events: EventQueries;
  driftQueries: DriftQueries;
  driftReads: DriftOrgReads;
  facts: ReadModelFacts;
}

export const readSide = (db: ReadModelDb, caughtUp: () => Promise<void>): ReadSide => {
  const queries = new OrgQueries(db);
  return {
    db,
    queries,
    chart: new OrgChartQueries(db, queries),
    events: new EventQueries(db),
    driftQueries: new DriftQueries(db),
    driftReads: new DriftOrgReads(db, queries),
    facts: new ReadModelFacts(db, queries, caughtUp),
  };
};

/**
 * An object that passes every property read on to `current()` at the time of the read (methods
 * bound to it). A call started before a switch finishes on the object it started on: a generator
 * or a promise keeps reading the previous database, which is closed only once such work is done.
 */
export const following = <T extends object>(current: () => T): T =>
  new Proxy(current(), {
    get: (_, key) => {
      const target = current();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
    has: (_, key) => Reflect.has(current(), key),
  });
