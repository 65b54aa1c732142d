// What every benchmark script reads its settings with and times its steps with.

/** A positive whole number from the environment, or `fallback` when unset; anything else stops the script with its name. */
export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** Runs `fn` once to warm up, then `repeat` times: the median and the fastest run, in milliseconds. */
export async function measure(fn: () => Promise<unknown>, repeat: number): Promise<{ median: number; fastest: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], fastest: times[0] };
}
