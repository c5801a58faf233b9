// A reader's terminal for the ```sh blocks of one docs page: a fresh directory (with `docs/`
// linked in, as in a checkout) and a fresh DATA_DIR, where `npx rolebook` / `npm run cli --` /
// `rolebook` run the built CLI and `npm start` the built API in the background on a free port
// (`localhost:3000` in a block means that port). Blocks run one after the other in bash
// (-euo pipefail); the variables a block sets are there in the next (KEY=$(npx rolebook keys create ...)).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './built-app';
import { freePort } from './free-port';

export interface ShellRun {
  code: number | null;
  output: string;
}

export interface DocShell {
  dir: string;
  /** The port `npm start` listens on, and that `localhost:3000` in a block stands for. */
  port: number;
  run(code: string): Promise<ShellRun>;
  /** Stops what `npm start` started (by pid) and removes the directory. */
  close(): Promise<void>;
}

/** What a page writes as the API's address, replaced by the session's. */
export const DOCS_ADDRESS = 'localhost:3000';

// The commands a reader types, resolved to the built apps.
const SHIMS: Record<string, string> = {
  rolebook: `exec node "$DOCS_ROOT/dist/apps/cli/src/main.js" "$@"`,
  npx: `if [ "\${1:-}" = rolebook ]; then shift; exec rolebook "$@"; fi
echo "docs test: only 'npx rolebook' runs here, not 'npx $*' (mark the block <!-- not-run: why -->)" >&2; exit 127`,
  npm: `case "\${1:-} \${2:-}" in
  "start "*) exec docs-start api 'Rolebook API listening on' ;;
  "run start:worker") exec docs-start worker 'Rolebook worker ready' ;;
  "run cli") shift 2; [ "\${1:-}" = -- ] && shift; exec rolebook "$@" ;;
  "run build") echo "(built once before the docs run)"; exit 0 ;;
esac
echo "docs test: 'npm $*' is not run here (mark the block <!-- not-run: why -->)" >&2; exit 127`,
  // starts an app in the background, prints what it printed once it is ready
  'docs-start': `app=$1; ready=$2; log="$DOCS_SESSION/$app.$RANDOM.log"
node "$DOCS_ROOT/dist/apps/$app/src/main.js" >"$log" 2>&1 </dev/null &
pid=$!; echo "$pid" >>"$DOCS_SESSION/pids"
for _ in $(seq 1 900); do
  if grep -q "$ready" "$log"; then cat "$log"; exit 0; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "docs test: $app exited before it was ready" >&2; exit 1; fi
  sleep 0.1
done
cat "$log" >&2; echo "docs test: $app was not ready after 90 s" >&2; exit 1`,
};

// Before each block: the variables earlier blocks set; after a block that succeeded: its variables, for the next.
const PRELUDE = `__docs_baseline=" $(compgen -v | tr '\\n' ' ') "
if [ -f "$DOCS_SESSION/state.sh" ]; then source "$DOCS_SESSION/state.sh"; fi
__docs_save() {
  for __docs_v in $(compgen -v); do
    case "$__docs_baseline" in *" $__docs_v "*) continue ;; esac
    case "$__docs_v" in __docs_*|BASH*|FUNCNAME|PIPESTATUS|_) continue ;; esac
    declare -p "$__docs_v"
  done >"$DOCS_SESSION/state.next" && mv "$DOCS_SESSION/state.next" "$DOCS_SESSION/state.sh"
}
trap 'if [ $? -eq 0 ]; then __docs_save; fi' EXIT
`;

export const openDocShell = async (): Promise<DocShell> => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-docs-'));
  const session = join(dir, '.docs-session');
  const bin = join(session, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(SHIMS)) {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  symlinkSync(join(root, 'docs'), join(dir, 'docs'));
  const port = await freePort();
  const seeds = process.env['SEEDS_DIR'] ?? join(root, '..', 'shared', 'seeds');
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    HOME: process.env['HOME'] ?? dir,
    LANG: 'C.UTF-8',
    DOCS_ROOT: root,
    DOCS_SESSION: session,
    DATA_DIR: join(dir, 'data'),
    PORT: String(port),
    LOG_LEVEL: 'info', // the start line the docs wait for is an info line
    ...(existsSync(seeds) ? { SEEDS_DIR: seeds } : {}),
  };

  const run = (code: string): Promise<ShellRun> =>
    new Promise((resolve) => {
      const script = PRELUDE + code.replaceAll(DOCS_ADDRESS, `localhost:${port}`);
      // the service's environment only: nothing of the test runner's (no REDIS_URL, DATABASE_URL, ...)
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('close', (status) => resolve({ code: status, output }));
    });

  const close = async () => {
    const pids = existsSync(join(session, 'pids')) ? readFileSync(join(session, 'pids'), 'utf8').split('\n').filter(Boolean).map(Number) : [];
    await Promise.all(pids.map(stopProcess));
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, port, run, close };
};

/** SIGTERM to one process the session started, SIGKILL if it is still there after 5 s. */
const stopProcess = async (pid: number): Promise<void> => {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 5000 && alive(); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(pid, 'SIGKILL');
};
