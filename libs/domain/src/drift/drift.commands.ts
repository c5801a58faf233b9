import { z } from 'zod';
import { instant, text } from '../shared/validation';
import type { DriftTrigger } from './drift-trigger';
import type { DriftFindingData } from './finding';

export const waiveDriftFindingSchema = z.object({
  type: z.literal('WaiveDriftFinding'),
  effectiveAt: instant,
  findingId: z.string().min(1).max(500),
  reason: text(2000),
  expiresAt: instant.nullish().transform((v) => v ?? null),
});

/** Recorded by the drift check itself: what the rules found at `effectiveAt` (the instant checked). */
export interface RecordDriftCheck {
  type: 'RecordDriftCheck';
  effectiveAt: string;
  runId: string;
  trigger: DriftTrigger;
  durationMs: number;
  modelVersion: number;
  findings: DriftFindingData[];
}

export type WaiveDriftFinding = z.output<typeof waiveDriftFindingSchema>;
export type DriftCommand = RecordDriftCheck | WaiveDriftFinding;
