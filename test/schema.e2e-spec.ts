// schema.graphql is the contract clients build against: it must be what the app serves.
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from './support/api';

it('schema.graphql matches the schema the API serves (run `npm run schema` after changing it)', async () => {
  const api = await startApi();
  const served = `${printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema))}\n`;
  await api.dispose();
  expect(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8')).toBe(served);
}, 30_000); // booting the app takes seconds on a busy machine
