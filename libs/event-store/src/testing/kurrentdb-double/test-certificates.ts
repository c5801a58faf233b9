// TEST DOUBLE. A throwaway certificate authority and a server certificate for 127.0.0.1, made
// with the openssl command line, so the double can serve TLS (and with it, authentication) to
// the real client. The Rust bridge (rustls) refuses a CA certificate used as the server's own,
// hence two certificates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** Path of the CA certificate, for the connection string's `tlsCAFile`. */
  caFile: string;
  cert: Buffer;
  key: Buffer;
}

let made: TestCertificates | null = null;

/** One set per process: every secure double of a test run serves the same certificate. */
export const testCertificates = (): TestCertificates => (made ??= makeTestCertificates());

const makeTestCertificates = (): TestCertificates => {
  const dir = mkdtempSync(join(tmpdir(), 'kurrentdb-double-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=kurrentdb-double-ca', '-keyout', file('ca.key'), '-out', file('ca.crt'));
  writeFileSync(file('node.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('node.key'), '-out', file('node.csr'));
  openssl(
    'x509',
    '-req',
    '-in',
    file('node.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('node.ext'),
    '-out',
    file('node.crt'),
  );
  return { caFile: file('ca.crt'), cert: readFileSync(file('node.crt')), key: readFileSync(file('node.key')) };
};
