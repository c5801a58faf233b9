// Input validation with zod. A failed parse becomes an InvalidInput naming the field,
// never echoing the offending value (it may be personal data).
import { z } from 'zod';
import { InvalidInput } from './errors';
import { toInstant, type Instant } from './time';

/** Names the rule a failed check breaks (the InvalidInput's `reason`); without it the reason is INVALID_INPUT. */
const because = (reason: string) => ({ reason });

/** A lone surrogate (a high one not followed by a low one, or a low one alone): not text, and
 * invalid in the UTF-8 the stores and the API speak. With the u flag a valid pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 and C1 control characters (newlines and tabs too: names and titles are one line). */
const CONTROL_CHAR = /\p{Cc}/u;
/** What does not show at either end of a text: whitespace, format characters (\p{Cf}: zero-width
 * space, joiners and non-joiners, BOM, word joiner, soft hyphen, bidi controls...) and the
 * blank-looking letters (Hangul fillers, braille blank). Inside a text, joiners and bidi marks
 * stay: scripts and emoji sequences need them. */
const INVISIBLE_EDGES = /^[\s\p{Cf}\u115f\u1160\u2800\u3164\uffa0]+|[\s\p{Cf}\u115f\u1160\u2800\u3164\uffa0]+$/gu;

export const id = z.uuid({ message: 'must be a UUID' });

/** A name, title or description: NFC-normalised and trimmed of invisible characters; not empty,
 * no lone surrogates, no control characters. Messages never quote the value. */
export const text = (max: number) =>
  z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'must not contain lone surrogates', abort: true, params: because('LONE_SURROGATE') })
    .normalize('NFC')
    .overwrite((s) => s.replace(INVISIBLE_EDGES, ''))
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHAR.test(s), { message: 'must not contain control characters', params: because('CONTROL_CHARACTER') });

export const name = text(200);

/**
 * Emails are stored as given and compared case-insensitively (sameEmail). Stored as given: the
 * local part may be case-sensitive (RFC 5321) and Rolebook sends no mail, so it keeps what the
 * person or the HRIS wrote. Compared lower-cased: no mail system in use tells Ada@ from ada@, and
 * HRIS systems re-case addresses, which must not read as a change. 254 characters is the longest
 * address SMTP can carry (RFC 5321's 256-octet path less its angle brackets).
 */
export const email = z.email({ message: 'must be an email address' }).max(254, { message: 'must be at most 254 characters' });

/** The same address, ignoring letter case; null and undefined are only the same as themselves. */
export const sameEmail = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a === b || (typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase());

/**
 * The instants Rolebook takes, in commands (effectiveAt, effectiveTo, expiresAt) and queries
 * (asOf, knownAt, from, to): 1900-01-01 to 2200-12-31 (UTC) inclusive. Anything outside is a typo
 * (0202 for 2022) or a sentinel, not a date in an organization's life. Compared as ISO strings:
 * toISOString writes years outside 0000-9999 as +YYYYYY or -YYYYYY, which sort outside the range.
 */
export const INSTANT_RANGE = { earliest: '1900-01-01T00:00:00.000Z', latest: '2200-12-31T23:59:59.999Z' } as const;
const OUT_OF_RANGE = 'must be between 1900-01-01 and 2200-12-31';
export const inInstantRange = (at: Instant): boolean => at >= INSTANT_RANGE.earliest && at <= INSTANT_RANGE.latest;

/** Any ISO-8601 instant with an offset, normalised to UTC milliseconds, within INSTANT_RANGE. */
export const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' })
  .transform((s) => toInstant(new Date(s)))
  .refine(inInstantRange, { message: OUT_OF_RANGE, params: because('DATE_OUT_OF_RANGE') });

const dateOrDateTime = z
  .union([z.iso.date().transform((day) => `${day}T00:00:00Z`), z.iso.datetime({ offset: true }), z.iso.datetime({ offset: true, precision: -1 })])
  .transform((s) => toInstant(new Date(s)));

/**
 * A date (midnight UTC) or an ISO-8601 date-time with offset (seconds optional) as an instant; null
 * when it is neither (2024-02-30 is not a date). What the CLI's options and an imported file's
 * dates take; whether it is within INSTANT_RANGE is the caller's to say.
 */
export const instantOfText = (text: string): Instant | null => {
  const parsed = dateOrDateTime.safeParse(text);
  return parsed.success ? parsed.data : null;
};

/** An instant a query takes (a Date from the API's DateTime scalar), held to the same range as a command's. */
export const queryInstant = (date: Date, field: string): Instant => {
  const at = toInstant(date);
  if (!inInstantRange(at)) throw new InvalidInput('DATE_OUT_OF_RANGE', `${field} ${OUT_OF_RANGE}`, field);
  return at;
};

export const responsibilities = z
  .array(text(300))
  .max(50, { message: 'must list at most 50 responsibilities' })
  .refine((list) => new Set(list.map((r) => r.toLowerCase())).size === list.length, {
    message: 'must not repeat a responsibility',
  });

export const allocationPercent = z
  .number()
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be at least 1' })
  .max(100, { message: 'must be at most 100' });

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  const reason: unknown = issue.code === 'custom' ? issue.params?.['reason'] : undefined;
  throw new InvalidInput(typeof reason === 'string' ? reason : 'INVALID_INPUT', field ? `${field} ${issue.message}` : issue.message, field || undefined);
}

/** A command's fields as a caller supplies them: its schema's input, without the discriminant. */
export type InputOf<S extends z.ZodType> = Omit<z.input<S>, 'type'>;
