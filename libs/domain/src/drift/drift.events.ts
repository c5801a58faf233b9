import type { DomainEvent } from '../shared/events';

export interface DriftFindingData {
  findingId: string;
  ruleId: string;
  severity: 'info' | 'warning' | 'critical';
  subject: { type: string; id: string };
  message: string;
  evidence: Record<string, unknown>;
  source: { entry: string; cite: { source: string; passage: string } };
}

export type DriftDetected = DomainEvent<'DriftDetected', DriftFindingData & { runId: string }>;
export type DriftResolved = DomainEvent<'DriftResolved', { findingId: string; runId: string }>;
export type DriftWaived = DomainEvent<'DriftWaived', { findingId: string; reason: string; expiresAt: string | null }>;
export type DriftCheckCompleted = DomainEvent<
  'DriftCheckCompleted',
  { runId: string; trigger: 'manual' | 'change' | 'schedule'; durationMs: number; modelVersion: number; detected: number; resolved: number; open: number }
>;

export type DriftEvent = DriftDetected | DriftResolved | DriftWaived | DriftCheckCompleted;
