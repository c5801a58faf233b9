// Dates as the viewer reads them (their locale and time zone), and the ISO instants the API takes.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string): string => dateOnly.format(new Date(iso));

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of an <input type="date"> for an instant, in the viewer's time zone. */
export const toDateInput = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** The end of a picked day in the viewer's time zone, as an ISO instant: "on 3 March" includes what happened that day. */
export const endOfDayInput = (value: string): string | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const d = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

const DAY = 86_400_000;

/** Whole days from `from` to `to` (for the time slider's range). */
export const daysBetween = (from: string, to: string): number => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY));
export const addDays = (from: string, days: number): string => new Date(Date.parse(from) + days * DAY).toISOString();
