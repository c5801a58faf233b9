// Who asks, on whose behalf, and how: everything a command needs besides its own fields.
import type { EventSource } from '@rolebook/domain';

export interface RequestContext {
  tenantId: string;
  actor: string;
  source: EventSource;
  correlationId: string;
  causationId: string | null;
  reason: string | null;
  /** A retried request with the same key (on the same entity) is a no-op. */
  idempotencyKey: string | null;
  /** The entity version the caller last saw; a mismatch is a CONFLICT. */
  expectedVersion: number | null;
}

export interface CommandResult {
  id: string;
  /** Number of events in the entity's stream after the command. */
  version: number;
  /** Global position of the command's last event (or of the latest one when nothing changed); null for an empty store. */
  position: number | null;
  /** False when the command changed nothing or replayed an earlier request. */
  changed: boolean;
}
