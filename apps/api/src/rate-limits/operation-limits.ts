// The operations that cost the server much more than a read (they run a whole drift check, diff
// two org snapshots, verify a model against the seed texts, process a delivery again, rewrite a
// person's data or mint a credential), each with its own limit per principal, well below the
// general one (RATE_LIMIT_PER_PRINCIPAL). The one place: keyed by schema coordinate, like
// access-rules.ts; operation-limits.spec.ts fails when a coordinate is not a root field.
// Issue 13: 300 runDriftCheck calls in a row each recorded a run.

export interface OperationLimit {
  /** Occurrences allowed per principal (every alias counts) ... */
  points: number;
  /** ... in this many seconds (a fixed window from the first one). */
  durationSeconds: number;
}

export type OperationLimits = Readonly<Record<string, OperationLimit>>;

export const OPERATION_LIMITS: OperationLimits = {
  // a full check of the tenant's org against its reference model, recorded as a run
  'Mutation.runDriftCheck': { points: 5, durationSeconds: 60 },
  // two snapshots folded from the history, then compared
  'Query.orgDiff': { points: 20, durationSeconds: 60 },
  // every citation checked against the seed texts
  'Mutation.publishReferenceModel': { points: 5, durationSeconds: 60 },
  // a delivery processed again, waiting up to 10 s for its attempt
  'Mutation.replayWebhookDelivery': { points: 10, durationSeconds: 60 },
  // destroys a person's key and scrubs the read model
  'Mutation.erasePersonalData': { points: 10, durationSeconds: 60 },
  // a credential minted: a leaked admin key must not mint many
  'Mutation.createApiKey': { points: 10, durationSeconds: 3600 },
};
