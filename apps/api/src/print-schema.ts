// Prints the GraphQL schema the resolvers define, sorted, to schema.graphql (npm run schema).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { describeRootTypes } from './graphql/root-types';
import { RESOLVERS } from './resolvers';

async function main(): Promise<void> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = describeRootTypes(await app.get(GraphQLSchemaFactory).create(RESOLVERS));
  writeFileSync(process.argv[2] ?? 'schema.graphql', `${printSchema(lexicographicSortSchema(schema))}\n`);
  await app.close();
}

void main();
