// DateTime: ISO-8601 with offset (RFC 3339). Values arrive as Date; the domain speaks ISO strings.
import { DateTimeResolver } from 'graphql-scalars';

export const DateTime = DateTimeResolver;
