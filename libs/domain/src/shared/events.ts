// The envelope every stored event carries. The domain produces { type, data };
// the application adds metadata; the store adds position, revision and recordedAt.
import type { Instant } from './time';

export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** Set by decide only when this event takes effect at another instant than its command. */
  effectiveAt?: string;
}

/** `import:csv`: a file imported with the CLI; `hris:PROVIDER`: an HRIS delivery or sync. */
export type EventSource = 'api' | 'system' | `hris:${string}` | `import:${string}`;

export interface EventMetadata {
  tenantId: string;
  actor: string;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  source: EventSource;
  /** When the change takes effect in the organization (may be past or future). */
  effectiveAt: Instant;
  idempotencyKey: string | null;
  /** Hash of the request that produced this event, to refuse a reused key with other input. */
  requestHash: string | null;
}
