// The typed fields a caller (a GraphQL input, an HRIS mapping, the demo) gives a command: the
// input type of the command's zod schema, so a misspelt or missing field is a compile error.
import type { InputOf, Instant } from '@rolebook/domain';
import type { z } from 'zod';

/** Optional fields may also be sent as null (as GraphQL clients do): the schema decides what null means or refuses it. */
type NullableOptional<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

/** A command's fields as a caller gives them; `effectiveAt` defaults to now. */
export type Fields<S extends z.ZodType> = NullableOptional<Omit<InputOf<S>, 'effectiveAt'>> & { effectiveAt?: Instant | null };

/** A new entity's fields: its id is the caller's (`id`) or chosen here (from the idempotency key when given). */
export type NewEntityFields<S extends z.ZodType, IdField extends string> = Omit<Fields<S>, IdField> & { id?: string | null };
