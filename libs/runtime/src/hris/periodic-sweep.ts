// A sweep the workers run at start and then every `everyMs`, never two at once (a tick while one
// runs finds it running and leaves it). stop() ends the ticks and waits for the sweep in progress.
export const startPeriodicSweep = (everyMs: number, sweepOnce: () => Promise<void>, onError: (err: unknown) => void): { stop(): Promise<void> } => {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= sweepOnce()
      .catch(onError)
      .finally(() => (running = null));
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
