// Graceful shutdown of a long-running process (the API, the worker): on SIGTERM or SIGINT, run
// the process's shutdown steps in order (stop accepting and finish in-flight requests, finish
// running jobs, close subscriptions and stores), then exit 0. Steps that are not done within the
// timeout are named in the log and the process exits 1; a second signal exits 1 at once.
import type { Logger } from 'pino';

export interface ShutdownStep {
  /** What the step does, as the log says it ("finishing in-flight HTTP requests"). */
  name: string;
  run: () => Promise<void>;
  /** What it still waits for, when the timeout strikes ("2 HTTP requests"); absent: the step's name says it. */
  pending?: () => string;
}

export interface ShutdownOptions {
  logger: Logger;
  timeoutMs: number;
  steps: readonly ShutdownStep[];
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/** Runs the steps once; resolves with the exit code it passed to `exit` (0: every step done in time). */
export const shutDown = async ({ logger, timeoutMs, steps, exit = (code) => process.exit(code) }: ShutdownOptions, signal: string): Promise<number> => {
  let current: ShutdownStep | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      const still = current ? (current.pending?.() ?? current.name) : 'nothing';
      logger.error({ signal, timeoutMs, step: current?.name, pending: still }, `shutdown took longer than ${timeoutMs} ms: still ${still}; exiting anyway`);
      resolve(1);
    }, timeoutMs);
  });
  const done = (async () => {
    logger.info({ signal, timeoutMs }, `${signal}: shutting down (finishing what is in flight, at most ${timeoutMs} ms)`);
    try {
      for (const step of steps) {
        current = step;
        logger.debug({ step: step.name }, 'shutdown step');
        await step.run();
      }
      current = undefined;
      logger.info({ signal }, 'shut down cleanly');
      return 0;
    } catch (error) {
      logger.error({ err: error, step: current?.name }, 'shutdown step failed');
      return 1;
    }
  })();
  const code = await Promise.race([done, timedOut]);
  clearTimeout(timer);
  exit(code);
  return code;
};

/** Shuts down on the first of `signals` (SIGTERM, SIGINT); a second signal meanwhile exits 1 at once. */
export const shutDownOnSignals = (options: ShutdownOptions): void => {
  const { logger, signals = ['SIGTERM', 'SIGINT'], exit = (code) => process.exit(code) } = options;
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn({ signal }, `${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    started = true;
    void shutDown(options, signal);
  };
  for (const signal of signals) process.on(signal, onSignal);
};
