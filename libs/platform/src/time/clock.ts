export const CLOCK = Symbol('CLOCK');

/** The current time, injected where a test must move time instead of waiting (throttles, one-time codes). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
