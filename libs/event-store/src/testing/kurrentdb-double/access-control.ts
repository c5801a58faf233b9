// TEST DOUBLE. Users and the ACLs a secure KurrentDB node applies to the calls Rolebook makes
// (an insecure node has no authentication at all, so the double applies them only with TLS on).
// Modelled on the server's defaults: anonymous stream access is off (v23.10 and later), user
// streams are open to every authenticated user ($userStreamAcl), system streams and $all to
// $admins only ($systemStreamAcl) unless $all's own ACL (the $acl of stream `$$$all`'s metadata)
// grants its read to a user.
import * as grpc from '@grpc/grpc-js';

export interface DoubleUser {
  password: string;
  admin: boolean;
}

/** The server's answer to a call its ACL refuses: PermissionDenied with `exception: access-denied` (the client's AccessDeniedError). */
export const accessDenied = (): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'access-denied');
  return { code: grpc.status.PERMISSION_DENIED, details: 'Access Denied', metadata };
};

const unauthenticated = (): Partial<grpc.StatusObject> => ({ code: grpc.status.UNAUTHENTICATED, details: 'Bad credentials' });

export class AccessControl {
  readonly users = new Map<string, DoubleUser>([['admin', { password: 'changeit', admin: true }]]);
  /** Users `$all`'s ACL lets read it (what `{"$acl": {"$r": [...]}}` on `$$$all` grants). */
  readonly allReaders = new Set<string>();

  /** The caller's user name, or the refusal to send when the credentials are missing or wrong. */
  authenticate(metadata: grpc.Metadata): { user: string } | { refused: Partial<grpc.StatusObject> } {
    const header = metadata.get('authorization')[0];
    const basic = typeof header === 'string' ? /^Basic (.+)$/.exec(header) : null;
    if (!basic) return { refused: accessDenied() };
    const [name, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    const user = this.users.get(name ?? '');
    if (!user || user.password !== rest.join(':')) return { refused: unauthenticated() };
    return { user: name! };
  }

  mayReadAll(user: string): boolean {
    return this.users.get(user)?.admin === true || this.allReaders.has(user);
  }

  /** Read or write of one stream: user streams to anyone authenticated, `$` streams to admins. */
  mayUseStream(user: string, stream: string): boolean {
    return !stream.startsWith('$') || this.users.get(user)?.admin === true;
  }
}
