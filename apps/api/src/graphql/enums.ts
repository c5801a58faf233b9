// GraphQL enums and descriptions built from the domain's `as const` arrays, so a value added
// there shows up in the schema without a second list to keep in step.
import { registerEnumType } from '@nestjs/graphql';

/** Registers the enum `name` with one member per value, named in upper case (`info` → INFO); answers the enum object. */
export const enumOf = <V extends string>(values: readonly V[], name: string): Record<string, V> => {
  const members = Object.fromEntries(values.map((value) => [value.toUpperCase(), value]));
  registerEnumType(members, { name });
  return members;
};

/** "a, b or c", for a description. */
export const spelledOut = (values: readonly string[]): string =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
