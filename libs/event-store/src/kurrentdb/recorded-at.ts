// KurrentDB stamps `created` itself. An event copied from another store keeps the instant it was
// first recorded in this reserved metadata key; the adapter reads it back as recordedAt and
// leaves it out of the metadata it returns.
export const RECORDED_AT_KEY = '$recordedAt';

/**
 * The client reads through its Rust bridge, which gives `created` to the second, while its
 * subscriptions give milliseconds: `created` is truncated to the second on every path, so a
 * position always maps to the same instant however it was read.
 */
export const recordedAtOf = (created: Date, metadata: Record<string, unknown>): { recordedAt: string; metadata: Record<string, unknown> } => {
  const { [RECORDED_AT_KEY]: kept, ...rest } = metadata;
  if (typeof kept === 'string') return { recordedAt: kept, metadata: rest };
  return { recordedAt: new Date(Math.floor(created.getTime() / 1000) * 1000).toISOString(), metadata };
};
