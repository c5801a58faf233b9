// The read model's answer to the facts a command decides on (the application's OrgFacts port).
// Before answering it catches up with everything the store holds, so a fact written by another
// process a moment ago is seen, as a read of that aggregate's stream would see it: once per
// decision, then every fact the decision asks is a plain read.
// Facts read the version row's own columns (status, manager, parent team) through the entity
// index: no state to parse and no version to count, as a query answering a client would.
import type { Instant, Status } from '@rolebook/domain';
import type { OrgQueries } from './org-queries';
import type { ReadModelDb } from './read-model-db';

type Kind = 'role' | 'person' | 'team';

interface FactRow {
  status: Status;
  manager_id: string | null;
  parent_id: string | null;
}

export class ReadModelFacts {
  private readonly facts;

  constructor(
    db: ReadModelDb,
    private readonly queries: OrgQueries,
    /** Resolves once the read model holds every event the store held when called. */
    private readonly caughtUp: () => Promise<void>,
  ) {
    const exists = db.prepare<[string, string, string], { one: number }>(
      'SELECT 1 AS one FROM versions WHERE tenant_id = ? AND kind = ? AND entity_id = ? AND recorded_to IS NULL LIMIT 1',
    );
    // the version in force at @at, as known now
    const inForce = db.prepare<{ tenantId: string; kind: Kind; id: string; at: Instant }, FactRow>(
      `SELECT status, manager_id, parent_id FROM versions
       WHERE tenant_id = @tenantId AND kind = @kind AND entity_id = @id AND recorded_to IS NULL
         AND valid_from <= @at AND (valid_to IS NULL OR valid_to > @at) LIMIT 1`,
    );
    const line = (tenantId: string, kind: Kind, start: string, at: Instant, up: (row: FactRow) => string | null): string[] => {
      const ids = [start];
      for (let id: string | null = start; ;) {
        const row = inForce.get({ tenantId, kind, id, at });
        id = row ? up(row) : null;
        if (id === null || ids.includes(id)) return ids;
        ids.push(id);
      }
    };
    this.facts = {
      statusAt: (tenantId: string, kind: Kind, id: string, at: Instant): Status => {
        const row = inForce.get({ tenantId, kind, id, at });
        if (row) return row.status;
        return exists.get(tenantId, kind, id) ? 'Future' : 'Unknown';
      },
      openAssignmentCount: (tenantId: string, roleId: string, from: Instant) => this.queries.openAssignmentCount(tenantId, roleId, from),
      managerLine: (tenantId: string, personId: string, at: Instant) => line(tenantId, 'person', personId, at, (row) => row.manager_id),
      teamLine: (tenantId: string, teamId: string, at: Instant) => line(tenantId, 'team', teamId, at, (row) => row.parent_id),
    };
  }

  async current() {
    await this.caughtUp();
    return this.facts;
  }
}
