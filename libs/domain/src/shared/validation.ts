// Input validation with zod. A failed parse becomes an InvalidInput naming the field,
// never echoing the offending value (it may be personal data).
import { z } from 'zod';
import { InvalidInput } from './errors';
import { toInstant } from './time';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const id = z.uuid({ message: 'must be a UUID' });

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

export const name = text(200);

export const email = z.email({ message: 'must be an email address' }).max(320);

/** Any ISO-8601 instant with an offset, normalised to UTC milliseconds. */
export const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' }).transform((s) => toInstant(new Date(s)));

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
  throw new InvalidInput('INVALID_INPUT', field ? `${field} ${issue.message}` : issue.message, field || undefined);
}

/** A command's fields as a caller supplies them: its schema's input, without the discriminant. */
export type InputOf<S extends z.ZodType> = Omit<z.input<S>, 'type'>;
