// A sleep that another part of the code can cut short: a subscription loop waits for the poll
// interval or a reconnect delay, and an append or stop() wakes it at once.
export interface WakeableSleep {
  sleep(ms: number): Promise<void>;
  /** Ends the current sleep, if any. */
  wake(): void;
}

export const wakeableSleep = (): WakeableSleep => {
  let wakeUp: (() => void) | null = null;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        }
        wakeUp = done;
      }),
    wake: () => wakeUp?.(),
  };
};
