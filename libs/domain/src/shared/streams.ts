// Stream names hold only the tenant slug, the aggregate kind and an opaque UUID: never
// personal data. Every Rolebook stream starts with "rb/" so a shared store can be filtered.
import { isTenantId } from './tenant';

/** Org entities (role, person, team) and each tenant's governance streams (drift, reference). */
export type AggregateKind = 'role' | 'person' | 'team' | 'drift' | 'reference';

export const ORG_KINDS: readonly AggregateKind[] = ['role', 'person', 'team'];

/** The id of a tenant's single drift stream and single reference-model stream. */
export const TENANT_STREAM_ID = 'tenant';

/** The prefix of every Rolebook stream. */
export const STREAM_PREFIX = 'rb/';

export const streamName = (tenantId: string, kind: AggregateKind, id: string): string => {
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id');
  return `${STREAM_PREFIX}${tenantId}/${kind}/${id}`;
};

export const parseStreamName = (stream: string): { tenantId: string; kind: AggregateKind; id: string } | null => {
  const match = /^rb\/([^/]+)\/(role|person|team|drift|reference)\/([^/]+)$/.exec(stream);
  if (!match || !isTenantId(match[1]!)) return null;
  return { tenantId: match[1]!, kind: match[2] as AggregateKind, id: match[3]! };
};
