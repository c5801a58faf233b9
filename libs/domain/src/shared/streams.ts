// Stream names hold only the tenant slug, the aggregate kind and an opaque UUID: never
// personal data. Every Rolebook stream starts with "rb/" so a shared store can be filtered.

export type AggregateKind = 'role' | 'person' | 'team';

const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const isTenantId = (value: string): boolean => TENANT.test(value);

export const streamName = (tenantId: string, kind: AggregateKind, id: string): string => {
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id');
  return `rb/${tenantId}/${kind}/${id}`;
};

export const parseStreamName = (stream: string): { tenantId: string; kind: AggregateKind; id: string } | null => {
  const match = /^rb\/([a-z0-9-]+)\/(role|person|team)\/([^/]+)$/.exec(stream);
  if (!match) return null;
  return { tenantId: match[1]!, kind: match[2] as AggregateKind, id: match[3]! };
};
