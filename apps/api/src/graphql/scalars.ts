// DateTime: ISO-8601 with offset (RFC 3339); values arrive as Date, the domain speaks ISO strings.
// JSON: any JSON value (event data).
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

export const DateTime = DateTimeResolver;
export const JSONScalar = JSONResolver;
