// The versions rows (and their links) a transaction of the read model writes, held until its end:
// a version superseded in the transaction that opened it (a hire's registration, manager and role
// in a row) is inserted once, already closed, instead of inserted, then updated in the table and
// its entity index. Ids are given here, as SQLite would give them (the largest plus one), so that
// the rows are the same however the events were batched.
import type { ReadModelDb } from './read-model-db';

/** How the read model names an entity in memory. */
export const entityKey = (tenantId: string, kind: string, entityId: string): string => `${tenantId}/${kind}/${entityId}`;

export interface NewVersion {
  tenantId: string;
  kind: string;
  entityId: string;
  from: string;
  to: string | null;
  recordedFrom: number;
  sortKey: string;
  status: string;
  managerId: string | null;
  parentId: string | null;
  state: string;
  links: { kind: string; targetId: string; from: string | null; to: string | null }[];
}

export class VersionWrites {
  private readonly statements;
  private readonly held = new Map<number, NewVersion & { recordedTo: number | null }>();
  /** The entities (tenant/kind/id) with versions held. */
  private readonly entities = new Set<string>();
  private nextId: number | null = null;

  constructor(db: ReadModelDb) {
    this.statements = {
      lastId: db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM versions'),
      insert: db.prepare(
        `INSERT INTO versions (id, tenant_id, kind, entity_id, valid_from, valid_to, recorded_from, recorded_to, sort_key, status, manager_id, parent_id, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLink: db.prepare('INSERT INTO links (version_id, tenant_id, kind, target_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)'),
      close: db.prepare('UPDATE versions SET recorded_to = ? WHERE id = ?'),
    };
  }

  /** Holds a new version known from its recordedFrom; answers its id. */
  add(version: NewVersion): number {
    this.nextId ??= (this.statements.lastId.get()?.id ?? 0) + 1;
    const id = this.nextId++;
    this.held.set(id, { ...version, recordedTo: null });
    this.entities.add(entityKey(version.tenantId, version.kind, version.entityId));
    return id;
  }

  /** Whether versions of the entity are held: they must be written before its versions are read from the table. */
  holds(key: string): boolean {
    return this.entities.has(key);
  }

  /** Closes a version as known until `position`: in memory while it is held, in the table otherwise. */
  close(id: number, position: number): void {
    const held = this.held.get(id);
    if (held) held.recordedTo = position;
    else this.statements.close.run(position, id);
  }

  /** Writes what is held, in id order: before the transaction commits, and before anything reads the versions table. */
  write(): void {
    for (const [id, v] of this.held) {
      this.statements.insert.run(
        id,
        v.tenantId,
        v.kind,
        v.entityId,
        v.from,
        v.to,
        v.recordedFrom,
        v.recordedTo,
        v.sortKey,
        v.status,
        v.managerId,
        v.parentId,
        v.state,
      );
      for (const link of v.links) this.statements.insertLink.run(id, v.tenantId, link.kind, link.targetId, link.from, link.to);
    }
    this.discard();
  }

  /** Forgets what is held (the transaction rolled back). */
  discard(): void {
    this.held.clear();
    this.entities.clear();
    this.nextId = null;
  }
}
