import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counting the requests one sync step makes, with clients shared by every step: the step runs in
 * `countRequests`, and the fetch the clients are built with adds to the count of the step it is
 * called from (each concurrent step has its own).
 */
const counts = new AsyncLocalStorage<{ requests: number }>();

export const countingFetch: typeof fetch = (input, init) => {
  const count = counts.getStore();
  if (count) count.requests += 1;
  return fetch(input, init);
};

/** Runs `fn` counting into `count` the requests it sends (read and reset it along the way as needed). */
export function countRequests<T>(count: { requests: number }, fn: () => Promise<T>): Promise<T> {
  return counts.run(count, fn);
}
