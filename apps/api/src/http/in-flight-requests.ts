// Counts the HTTP requests a server is answering, so that a shutdown can stop accepting new
// connections and still finish those (graphql-ws sockets are not requests: the GraphQL module
// closes them when the app closes).
import type { Server } from 'node:http';

export class InFlightRequests {
  private active = 0;
  private draining = false;
  private readonly idle = new Set<() => void>();

  constructor(private readonly server: Server) {
    server.on('request', (_request, response) => {
      this.active += 1;
      response.once('close', () => {
        this.active -= 1;
        // a keep-alive connection whose answer just went out is idle now: close it, nothing more is to come on it
        if (this.draining) setImmediate(() => this.server.closeIdleConnections());
        if (this.active === 0) for (const resolve of this.idle) resolve();
      });
    });
  }

  get count(): number {
    return this.active;
  }

  /** Stops accepting connections (a new one is refused), closes idle keep-alive ones, and resolves once every request being answered is. */
  async drain(): Promise<void> {
    this.draining = true;
    this.server.close(); // its callback waits for every socket (graphql-ws ones too): not awaited here
    this.server.closeIdleConnections();
    if (this.active > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
    this.server.closeIdleConnections();
  }
}
