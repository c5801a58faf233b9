// The graphql-ws connections open on this process, by principal: so that revoking a key closes
// its subscriptions at once here, and a periodic check closes those whose credential another
// replica revoked or that expired; and so that the per-principal cap on connections holds.
import { Unauthenticated, type Principal } from '@rolebook/auth';
import type { Logger } from 'pino';
import type { Authenticate } from '../graphql/request-context';

/** What graphql-ws hands us of a socket: enough to close it. */
export interface ClosableSocket {
  close(code: number, reason: string): void;
}

interface Connection {
  socket: ClosableSocket;
  principal: Principal;
  authorization: string | undefined;
}

/** Closed because the credential no longer authenticates (graphql-ws's Forbidden code). */
export const CLOSE_REVOKED = 4403;

export class LiveConnections {
  private readonly open = new Set<Connection>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly authenticate: Authenticate,
    private readonly logger: Logger,
    /** Connections one principal may hold open on this process. */
    private readonly maxPerPrincipal: number,
  ) {}

  /** Whether the principal may open one more connection here. */
  hasRoomFor(principal: Principal): boolean {
    return [...this.open].filter((c) => c.principal.id === principal.id).length < this.maxPerPrincipal;
  }

  /** Registers an open connection; answers the function that forgets it once closed. */
  add(socket: ClosableSocket, principal: Principal, authorization: string | undefined): () => void {
    const connection = { socket, principal, authorization };
    this.open.add(connection);
    return () => this.open.delete(connection);
  }

  /** Closes every connection made with this API key. */
  closeKey(keyId: string): void {
    for (const connection of this.open) {
      if (connection.principal.kind === 'api-key' && connection.principal.id === keyId) this.close(connection);
    }
  }

  /** Re-authenticates every open connection every `intervalMs`, closing those refused now. */
  startChecking(intervalMs: number): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  async check(): Promise<void> {
    for (const connection of [...this.open]) {
      try {
        await this.authenticate(connection.authorization);
      } catch (error) {
        // a failing identity provider is no reason to cut everyone off: only a refusal is
        if (error instanceof Unauthenticated) this.close(connection);
        else this.logger.warn({ err: error }, 'could not re-check a subscription connection');
      }
    }
  }

  private close(connection: Connection): void {
    this.open.delete(connection);
    this.logger.info({ principal: connection.principal.id, kind: connection.principal.kind }, 'subscription connection closed: credential no longer valid');
    connection.socket.close(CLOSE_REVOKED, 'Forbidden');
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
