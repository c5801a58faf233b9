// GraphQL enums built from the domain's `as const` arrays, so a value added there shows up in the
// schema without a second list to keep in step. The schema names each value in upper case
// (`bamboohr` → BAMBOOHR, as enum values are written); resolvers and the domain keep the domain's
// value: the mapping happens here, at the edge.
import { registerEnumType } from '@nestjs/graphql';

/** Registers the enum `name` with one member per value, named in upper case (`info` → INFO), each described (the record
 * must name every value, so a value added in the domain does not compile until it is described); answers the enum object. */
export const enumOf = <V extends string>(values: readonly V[], name: string, description: string, valueDescriptions: Record<V, string>): Record<string, V> => {
  const members = Object.fromEntries(values.map((value) => [value.toUpperCase(), value]));
  const valuesMap = Object.fromEntries(values.map((value) => [value.toUpperCase(), { description: valueDescriptions[value] }]));
  registerEnumType(members, { name, description, valuesMap });
  return members;
};

/** "a, b or c", for a description. */
export const spelledOut = (values: readonly string[]): string =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
