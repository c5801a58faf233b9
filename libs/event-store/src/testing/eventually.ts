/** Retries a check (sync or async) every 10 ms until it passes, or rethrows its last failure after timeoutMs. */
export const eventually = async (check: () => void | Promise<void>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
};
