// A local identity provider's key set endpoint for token tests: serves whatever keys the test
// sets, counts fetches, and can be made to fail.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export interface JwksServer {
  url: string;
  serve(keys: JWK[]): void;
  failWith(status: number): void;
  readonly fetches: number;
  close(): Promise<void>;
}

export const startJwksServer = async (): Promise<JwksServer> => {
  let keys: JWK[] = [];
  let status = 200;
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/jwks') return void res.writeHead(404).end();
    fetches++;
    res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? JSON.stringify({ keys }) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    serve: (next) => {
      keys = next;
    },
    failWith: (next) => {
      status = next;
    },
    get fetches() {
      return fetches;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
};
