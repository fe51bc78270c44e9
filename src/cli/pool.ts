// A bounded pool: at most `concurrency` tasks in flight, started in order, until the items run
// out or `stopped()` says no new task may start (Ctrl+C, or an answer that ends the run).

/** Runs `task` over `items`, never more than `concurrency` at once; resolves when all are done. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stopped()) {
      const index = next;
      next += 1;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
