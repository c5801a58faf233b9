/** Five minutes either way, as Standard Webhooks recommends: older deliveries may be replays. */
export const TOLERANCE_SECONDS = 5 * 60;

/** A Unix-seconds (or ISO-8601) timestamp within tolerance of now. */
export const withinTolerance = (timestamp: string, now: Date): boolean => {
  const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : Date.parse(timestamp) / 1000;
  return Number.isFinite(seconds) && Math.abs(now.getTime() / 1000 - seconds) <= TOLERANCE_SECONDS;
};
