// Runs a piece of work once to warm up, then again and again for a few seconds: how many items per second.

const MIN_SECONDS = 2;

/** `work` handles `items` items a call (sync or async); items per second over at least MIN_SECONDS. */
export async function perSecond(items: number, work: () => unknown): Promise<number> {
  await work();
  let done = 0;
  const started = process.hrtime.bigint();
  let seconds = 0;
  while (seconds < MIN_SECONDS) {
    await work();
    done += items;
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  }
  return done / seconds;
}
