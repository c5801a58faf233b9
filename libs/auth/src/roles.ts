// The roles a principal may hold and which role satisfies which requirement. The four staff
// roles form a ladder (each holds everything below it); `integration` stands apart: it only
// delivers webhooks, and delivering webhooks is not something staff roles do (a leaked admin key
// must not become a webhook source, and the audit trail keeps deliveries and people apart).

export const ROLES = ['viewer', 'auditor', 'editor', 'admin', 'integration'] as const;

export type Role = (typeof ROLES)[number];

/** The staff ladder, lowest first. */
export const LADDER = ['viewer', 'auditor', 'editor', 'admin'] as const satisfies readonly Role[];

type StaffRole = (typeof LADDER)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

const rank = (role: Role): number => (LADDER as readonly Role[]).indexOf(role);

/** The staff roles read and change the org; `integration` does neither. */
export const isStaffRole = (role: Role): role is StaffRole => rank(role) >= 0;

/** Whether a principal holding `held` may do what requires `required`. */
export const grants = (held: Role, required: Role): boolean => {
  if (!isStaffRole(held) || !isStaffRole(required)) return held === required;
  return rank(held) >= rank(required);
};
