/** Why a drift check ran: asked for, the org changed, or the schedule came round. */
export const DRIFT_TRIGGERS = ['manual', 'change', 'schedule'] as const;
export type DriftTrigger = (typeof DRIFT_TRIGGERS)[number];
