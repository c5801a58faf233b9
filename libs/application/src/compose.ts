// Wires one Rolebook instance from an event store and a read-model database: the single
// composition used by the apps, the CLI and the tests.
import type { EventStore } from '@rolebook/event-store';
import { DriftQueries, EventQueries, OrgQueries, OrgReadModel, Projector, type ReadModelDb } from '@rolebook/projections';
import { CommandExecutor } from './command-executor';
import { DriftService } from './drift-service';
import { OrgCommands } from './org-commands';

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
}

export const composeRolebook = ({ store, readModelDb, clock, onProjectionFailure }: ComposeOptions): Rolebook => {
  const projector = new Projector(store, new OrgReadModel(readModelDb), onProjectionFailure);
  const queries = new OrgQueries(readModelDb);
  const executor = new CommandExecutor(store, (position) => projector.waitFor(position));
  const driftQueries = new DriftQueries(readModelDb);
  const drift = new DriftService(executor, queries, driftQueries, clock);
  projector.start();
  return {
    store,
    queries,
    events: new EventQueries(readModelDb),
    driftQueries,
    drift,
    projector,
    commands: new OrgCommands(executor, queries, clock, async (tenantId, at) => new Set((await drift.modelAt(tenantId, at)).model.roles.map((r) => r.key))),
    close: async () => {
      await projector.stop();
      await store.close();
      if (readModelDb.open) readModelDb.close();
    },
  };
};
