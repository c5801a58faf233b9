// Wires one Rolebook instance from an event store, a data key store and a read-model database:
// the single composition used by the apps, the CLI, the benchmarks and the tests. The event store
// is wrapped so that personal data is sealed on the way in and opened on the way out: everything
// composed here reads plain events, the log holds only ciphertext for personal fields. What reads
// the read model follows it when it is switched for one rebuilt beside it (switchReadModel).
import { CommandExecutor, DriftService, keyedRequestHasher, OrgCommands, PersonalDataErasure, Reconciler } from '@rolebook/application';
import type { EventStore } from '@rolebook/event-store';
import { PersonalDataProtector, SealingEventStore, type DataKeyStore } from '@rolebook/privacy';
import { OrgReadModel, Projector, type DriftQueries, type EventQueries, type OrgChartQueries, type OrgQueries, type ReadModelDb } from '@rolebook/projections';
import type { SourceTexts } from '@rolebook/reference-model';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { following, readSide, type ReadSide } from './read-side';

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
  /**
   * Serves from `db`, a read model of the same log built beside the one in use (rebuild --beside):
   * reads its counts into memory a step at a time, brings it up to the projector's position while
   * the one in use goes on answering, then switches in one step (Projector.switchTo). Answers once
   * switched, with a promise of the previous database closed: once the drift checks that were
   * reading it have settled and RETIRE_AFTER_MS has passed (a command's facts are read across turns).
   * Rejects, closing `db` and leaving everything as it was, if `db` cannot be brought up.
   */
  switchReadModel(db: ReadModelDb): Promise<{ previousClosed: Promise<void> }>;
  close(): Promise<void>;
}

/** How long a replaced read-model database stays open after a switch, for work that started on it. */
export const RETIRE_AFTER_MS = 2_000;

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
  const caughtUp = () => projector.catchUp();
  let read: ReadSide = readSide(readModelDb, caughtUp);
  const retiring = new Set<ReadModelDb>();
  const queries = following(() => read.queries);
  const driftQueries = following(() => read.driftQueries);
  const executor = new CommandExecutor(store, (position) => projector.waitFor(position), keyedRequestHasher(secret));
  const drift = new DriftService(
    executor,
    following(() => read.driftReads),
    driftQueries,
    store,
    clock,
    sourceTexts,
  );
  const referenceRoleKeys = async (tenantId: string, at: string) => new Set((await drift.modelAt(tenantId, at)).model.roles.map((r) => r.key));
  projector.start();
  const now = clock ?? (() => new Date());
  const commands = new OrgCommands(
    executor,
    following(() => read.facts),
    clock,
    referenceRoleKeys,
  );
  const erasure = new PersonalDataErasure(executor, { destroy: (tenantId, personId) => protector.destroyKey(tenantId, personId, now().toISOString()) }, clock);
  const retire = async (db: ReadModelDb): Promise<void> => {
    await Promise.all([drift.idle(), new Promise((resolve) => setTimeout(resolve, RETIRE_AFTER_MS).unref())]);
    retiring.delete(db);
    if (db.open) db.close();
  };
  return {
    store,
    protector,
    erasure,
    queries,
    chart: following(() => read.chart),
    events: following(() => read.events),
    driftQueries,
    drift,
    projector,
    commands,
    reconciler: new Reconciler(commands, queries, drift),
    switchReadModel: async (db) => {
      const previous = read;
      try {
        const next = readSide(db, caughtUp);
        // as at start, but a step at a time (nothing writes to `db` yet): the first count or diff after the switch reads only what changed since
        for (const _ of next.queries.warmCountsInSteps()) await nextTurn();
        for (const _ of next.queries.warmDiffsInSteps()) await nextTurn();
        await projector.switchTo(new OrgReadModel(db), () => {
          read = next;
          retiring.add(previous.db);
        });
      } catch (error) {
        db.close();
        throw error;
      }
      return { previousClosed: retire(previous.db) };
    },
    close: async () => {
      await projector.stop();
      await store.close();
      await keys.close();
      for (const db of [read.db, ...retiring]) if (db.open) db.close();
    },
  };
};
