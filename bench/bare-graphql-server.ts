// The HTTP yardstick: bare `graphql` executing the same person query over node:http, reading the
// same read model through the same queries, with no framework, auth or limits around it.
// Prints the port it listens on.
import { OrgQueries, type ReadModelDb } from '@rolebook/projections';
import Database from 'better-sqlite3';
import { buildSchema, graphql } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const [dir, tenantId] = process.argv.slice(2) as [string, string];
const db: ReadModelDb = new Database(join(dir, 'read-model.db'), { readonly: true });
const queries = new OrgQueries(db);
const schema = buildSchema('type Person { id: ID! name: String title: String status: String managerId: ID } type Query { person(id: ID!): Person }');
const rootValue = { person: ({ id }: { id: string }) => queries.person(tenantId, id, { asOf: new Date().toISOString(), knownAt: null })?.state ?? null };

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    void graphql({ schema, source: query, rootValue, variableValues: variables }).then((result) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    });
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
