/** The answer a bounded wait did not get in time. */
export class TimedOutError extends Error {
  readonly code = 'ETIMEOUT';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * The promise's answer, or a TimedOutError once `ms` have passed without one. The work itself goes
 * on (a lookup in the thread pool cannot be called back); only the wait for it ends. The timer never
 * keeps the process alive, and is cleared as soon as the answer comes.
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOutError(ms)), ms).unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
