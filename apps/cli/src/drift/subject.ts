// What a drift finding is about, as a person reads it: the subject's name at the instant read
// (findings record ids only; names are personal data and stay in the org's read model).
import { assertNever, type FindingSubject } from '@rolebook/domain';
import type { OrgQueries } from '@rolebook/projections';

/** The name of the person, role or team at `asOf` (as known now); null for the org, or for a subject not found then. */
export const subjectName = (queries: OrgQueries, tenant: string, subject: FindingSubject, asOf: string): string | null => {
  const at = { asOf, knownAt: null };
  switch (subject.type) {
    case 'person':
      return queries.person(tenant, subject.id, at)?.state.name ?? null;
    case 'role':
      return queries.role(tenant, subject.id, at)?.state.name ?? null;
    case 'team':
      return queries.team(tenant, subject.id, at)?.state.name ?? null;
    case 'org':
      return null;
    default:
      return assertNever(subject.type);
  }
};

/** "person Ada Lovelace", "role Product Manager", "the organization"; the id when the name is not known. */
export const subjectLabel = (subject: FindingSubject, name: string | null): string =>
  subject.type === 'org' ? 'the organization' : `${subject.type} ${name ?? subject.id}`;
