// Wires one Rolebook instance from an event store, a data key store and a read-model database:
// the single composition used by the apps, the CLI, the benchmarks and the tests. The event store
// is wrapped so that personal data is sealed on the way in and opened on the way out: everything
// composed here reads plain events, the log holds only ciphertext for personal fields.
import { CommandExecutor, DriftService, keyedRequestHasher, OrgCommands, PersonalDataErasure, Reconciler } from '@rolebook/application';
import type { EventStore } from '@rolebook/event-store';
import { PersonalDataProtector, SealingEventStore, type DataKeyStore } from '@rolebook/privacy';
import {
  DriftOrgReads,
  DriftQueries,
  EventQueries,
  OrgChartQueries,
  OrgQueries,
  OrgReadModel,
  Projector,
  ReadModelFacts,
  type ReadModelDb,
} from '@rolebook/projections';
import type { SourceTexts } from '@rolebook/reference-model';

export interface Rolebook {
  /** The sealing store: plain events in and out, ciphertext for personal fields in the log. */
  store: EventStore;
  protector: PersonalDataProtector;
  erasure: PersonalDataErasure;
  queries: OrgQueries;
  /** The whole org at an instant as a chart draws it (orgChart). */
  chart: OrgChartQueries;
  events: EventQueries;
  driftQueries: DriftQueries;
  drift: DriftService;
  projector: Projector;
  commands: OrgCommands;
  /** Reconciles the org with a directory's employees (an imported file, an HRIS's list). */
  reconciler: Reconciler;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** The configured event store, as it is (the composition seals around it). */
  store: EventStore;
  /** Where the people's data keys live (never in the log); closed with the Rolebook. */
  keys: DataKeyStore;
  readModelDb: ReadModelDb;
  /** The installation's secret (installation-secret.ts): request hashes are keyed with it. */
  secret: string;
  clock?: () => Date;
  onProjectionFailure?: (error: unknown) => void;
  /** The texts published reference models' citations are checked against (default: only the built-in model's citations pass). */
  sourceTexts?: SourceTexts;
}

/** The event store wrapped to seal and open personal data with the keys of `keys`. */
export const sealingStore = (store: EventStore, keys: DataKeyStore, clock?: () => Date): { store: SealingEventStore; protector: PersonalDataProtector } => {
  const protector = new PersonalDataProtector(keys);
  return { store: new SealingEventStore(store, protector, clock), protector };
};

export const composeRolebook = ({ store: log, keys, readModelDb, secret, clock, onProjectionFailure, sourceTexts }: ComposeOptions): Rolebook => {
  const { store, protector } = sealingStore(log, keys, clock);
  const projector = new Projector(store, new OrgReadModel(readModelDb), onProjectionFailure);
  const queries = new OrgQueries(readModelDb);
  const executor = new CommandExecutor(store, (position) => projector.waitFor(position), keyedRequestHasher(secret));
  const facts = new ReadModelFacts(readModelDb, queries, () => projector.catchUp());
  const driftQueries = new DriftQueries(readModelDb);
  const drift = new DriftService(executor, new DriftOrgReads(readModelDb, queries), driftQueries, store, clock, sourceTexts);
  const referenceRoleKeys = async (tenantId: string, at: string) => new Set((await drift.modelAt(tenantId, at)).model.roles.map((r) => r.key));
  projector.start();
  const now = clock ?? (() => new Date());
  const commands = new OrgCommands(executor, facts, clock, referenceRoleKeys);
  const erasure = new PersonalDataErasure(executor, { destroy: (tenantId, personId) => protector.destroyKey(tenantId, personId, now().toISOString()) }, clock);
  return {
    store,
    protector,
    erasure,
    queries,
    chart: new OrgChartQueries(readModelDb, queries),
    events: new EventQueries(readModelDb),
    driftQueries,
    drift,
    projector,
    commands,
    reconciler: new Reconciler(commands, queries, drift),
    close: async () => {
      await projector.stop();
      await store.close();
      await keys.close();
      if (readModelDb.open) readModelDb.close();
    },
  };
};
