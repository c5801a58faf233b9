// The built apps (dist/) as real Node processes, as a user runs them: Nest 12 loads through
// Node's require(esm) there, unlike under jest.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const entry = (app: string) => join(root, 'dist', 'apps', app, 'src', 'main.js');

export const children = new Set<ChildProcess>();

/** The line the built API says once it listens; the first group is its GraphQL URL. */
export const API_READY = /Rolebook API listening on http:\/\/localhost:\d+ — GraphQL[^\n]*? at (http:\/\/localhost:\d+\/graphql)/;

export const start = (
  app: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000, // a busy machine loads Nest slowly
): Promise<{ child: ChildProcess; output: () => string; match: RegExpMatchArray }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry(app)], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, cwd: root });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${app} did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => output, match });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited with ${code}:\n${output}`));
    });
  });

/** Resolves once the process has exited (at once if it already has). */
export const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** SIGTERM; answers how it ended ('code 0': it finished what was in flight and closed everything). */
export const stop = (child: ChildProcess) =>
  new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`));
    child.kill('SIGTERM');
  });

/** The admin key an embedded API prints on its first start (once: only its hash is kept). */
export const adminKeyIn = (output: string): string => {
  const key = /rbk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}/.exec(output)?.[0];
  if (!key) throw new Error(`no admin key was printed:\n${output}`);
  return key;
};

export const gql = async (url: string, key: string, query: string, variables?: Record<string, unknown>) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: unknown[] };
};

/** The built `rolebook` command line (package.json "bin"). */
export const CLI = 'dist/apps/cli/src/main.js';

/** A built command (e.g. a migration) to completion, without blocking this process's event loop. */
export const run = (
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; output: string; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, script), ...args], { env: { ...process.env, ...env }, cwd: root });
    let output = '';
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stdout += chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stderr += chunk.toString())));
    child.once('exit', (code) => resolve({ code, output, stdout, stderr }));
  });

/** The built worker, once it says it is ready. */
export const startWorker = async (env: Record<string, string>): Promise<ChildProcess> => (await start('worker', env, /Rolebook worker ready/)).child;
