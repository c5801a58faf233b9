import type { DomainEvent } from '../shared/events';
import type { DriftTrigger } from './drift-trigger';
import type { DriftFindingData } from './finding';

export type DriftDetected = DomainEvent<'DriftDetected', DriftFindingData & { runId: string }>;
export type DriftResolved = DomainEvent<'DriftResolved', { findingId: string; runId: string }>;
export type DriftWaived = DomainEvent<'DriftWaived', { findingId: string; reason: string; expiresAt: string | null }>;
export type DriftCheckCompleted = DomainEvent<
  'DriftCheckCompleted',
  { runId: string; trigger: DriftTrigger; durationMs: number; modelVersion: number; detected: number; resolved: number; open: number }
>;

export type DriftEvent = DriftDetected | DriftResolved | DriftWaived | DriftCheckCompleted;
