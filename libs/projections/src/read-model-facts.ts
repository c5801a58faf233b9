// The read model's answer to the facts a command decides on (the application's OrgFacts port).
// Before answering it catches up with everything the store holds, so a fact written by another
// process a moment ago is seen, as a read of that aggregate's stream would see it: once per
// decision, then every fact the decision asks is a plain read.
import type { Instant, Status } from '@rolebook/domain';
import type { OrgQueries } from './org-queries';
import type { ReadModelDb } from './read-model-db';

export class ReadModelFacts {
  private readonly exists;
  private readonly facts;

  constructor(
    db: ReadModelDb,
    private readonly queries: OrgQueries,
    /** Resolves once the read model holds every event the store held when called. */
    private readonly caughtUp: () => Promise<void>,
  ) {
    this.exists = db.prepare<[string, string, string], { one: number }>(
      'SELECT 1 AS one FROM versions WHERE tenant_id = ? AND kind = ? AND entity_id = ? AND recorded_to IS NULL LIMIT 1',
    );
    this.facts = {
      statusAt: (tenantId: string, kind: 'role' | 'person' | 'team', id: string, at: Instant): Status => {
        const now = { asOf: at, knownAt: null };
        const entity =
          kind === 'role'
            ? this.queries.role(tenantId, id, now)
            : kind === 'person'
              ? this.queries.person(tenantId, id, now)
              : this.queries.team(tenantId, id, now);
        if (entity) return entity.state.status;
        return this.exists.get(tenantId, kind, id) ? 'Future' : 'Unknown';
      },
      openAssignmentCount: (tenantId: string, roleId: string, from: Instant) => this.queries.openAssignmentCount(tenantId, roleId, from),
      managerLine: (tenantId: string, personId: string, at: Instant) => this.queries.managerLine(tenantId, personId, at),
      teamLine: (tenantId: string, teamId: string, at: Instant) => this.queries.teamLine(tenantId, teamId, at),
    };
  }

  async current() {
    await this.caughtUp();
    return this.facts;
  }
}
