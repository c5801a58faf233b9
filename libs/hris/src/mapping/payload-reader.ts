// What each provider's payload module gives the parser: the envelope every delivery of that
// provider has (a body without it cannot come from the provider: 400), and the reading of an
// enveloped body into employee changes (an event Rolebook does not map, or data not as documented,
// is recorded and parked with a reason instead).
import { z } from 'zod';
import type { Provider } from '../providers';
import { UnmappableDelivery, type EmployeeChange } from './employee-change';

export interface PayloadReader {
  envelope: z.ZodType;
  read(body: unknown): EmployeeChange[];
}

export const id = z.union([z.string().min(1), z.number().int()]).transform(String);
export const text = z.string().trim().min(1).max(200);
/** An object, whatever it holds: the envelope checks only that it is there. */
export const anyObject = z.record(z.string(), z.unknown());

/** The body read by an event's schema; data not as the provider documents it parks the delivery. */
export const eventData = <S extends z.ZodType>(provider: Provider, schema: S, body: unknown): z.output<S> => {
  const result = schema.safeParse(body);
  if (!result.success) throw new UnmappableDelivery(provider, 'INVALID_EVENT_DATA');
  return result.data;
};

export const unsupported = (provider: Provider): never => {
  throw new UnmappableDelivery(provider, 'UNSUPPORTED_EVENT');
};

/** The entry of `table` for an event name; an event not in it parks the delivery as UNSUPPORTED_EVENT. */
export const eventOf = <V>(provider: Provider, table: Readonly<Record<string, V>>, event: string): V =>
  Object.hasOwn(table, event) ? table[event]! : unsupported(provider);
