// Wires one Rolebook instance from an event store and a read-model database: the single
// composition used by the apps, the CLI, the benchmarks and the tests.
import { CommandExecutor, DriftService, OrgCommands } from '@rolebook/application';
import type { EventStore } from '@rolebook/event-store';
import { DriftQueries, EventQueries, OrgQueries, OrgReadModel, Projector, ReadModelFacts, type ReadModelDb } from '@rolebook/projections';
import type { SourceTexts } from '@rolebook/reference-model';

export interface Rolebook {
  store: EventStore;
  queries: OrgQueries;
  events: EventQueries;
  driftQueries: DriftQueries;
  drift: DriftService;
  projector: Projector;
  commands: OrgCommands;
  close(): Promise<void>;
}

export interface ComposeOptions {
  store: EventStore;
  readModelDb: ReadModelDb;
  clock?: () => Date;
  onProjectionFailure?: (error: unknown) => void;
  /** The texts published reference models' citations are checked against (default: only the built-in model's citations pass). */
  sourceTexts?: SourceTexts;
}

export const composeRolebook = ({ store, readModelDb, clock, onProjectionFailure, sourceTexts }: ComposeOptions): Rolebook => {
  const projector = new Projector(store, new OrgReadModel(readModelDb), onProjectionFailure);
  const queries = new OrgQueries(readModelDb);
  const executor = new CommandExecutor(store, (position) => projector.waitFor(position));
  const facts = new ReadModelFacts(readModelDb, queries, () => projector.catchUp());
  const driftQueries = new DriftQueries(readModelDb);
  const drift = new DriftService(executor, queries, driftQueries, clock, sourceTexts);
  const referenceRoleKeys = async (tenantId: string, at: string) => new Set((await drift.modelAt(tenantId, at)).model.roles.map((r) => r.key));
  projector.start();
  return {
    store,
    queries,
    events: new EventQueries(readModelDb),
    driftQueries,
    drift,
    projector,
    commands: new OrgCommands(executor, facts, clock, referenceRoleKeys),
    close: async () => {
      await projector.stop();
      await store.close();
      if (readModelDb.open) readModelDb.close();
    },
  };
};
