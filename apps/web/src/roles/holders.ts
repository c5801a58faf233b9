// Who held a role when, from the assignment events (RoleAssigned names the role; RoleAssignmentEnded only the assignment).

export interface AssignmentEvent {
  type: string;
  data: unknown;
  effectiveAt: string;
}

export interface Tenure {
  assignmentId: string;
  personId: string;
  allocationPercent: number;
  from: string;
  to: string | null;
}

const record = (data: unknown): Record<string, unknown> => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const tenuresOf = (roleId: string, events: AssignmentEvent[]): Tenure[] => {
  const tenures = new Map<string, Tenure>();
  for (const event of events) {
    const data = record(event.data);
    const assignmentId = str(data['assignmentId']);
    if (!assignmentId) continue;
    if (event.type === 'RoleAssigned' && data['roleId'] === roleId) {
      const personId = str(data['personId']);
      if (!personId) continue;
      tenures.set(assignmentId, {
        assignmentId,
        personId,
        allocationPercent: typeof data['allocationPercent'] === 'number' ? data['allocationPercent'] : 0,
        from: str(data['effectiveFrom']) ?? event.effectiveAt,
        to: str(data['effectiveTo']),
      });
    } else if (event.type === 'RoleAssignmentEnded') {
      const tenure = tenures.get(assignmentId);
      if (tenure) tenure.to = str(data['effectiveTo']) ?? event.effectiveAt;
    }
  }
  return [...tenures.values()].sort((a, b) => a.from.localeCompare(b.from));
};
