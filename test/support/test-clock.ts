import type { Clock } from '#platform';

/** A clock a test moves by hand: throttles and one-time codes are tested by moving time, never by waiting. */
export class TestClock implements Clock {
  private ms: number;

  constructor(start: Date = new Date()) {
    this.ms = start.getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  /** Seconds since the epoch, as TOTP counts them. */
  epochSeconds(): number {
    return Math.floor(this.ms / 1000);
  }
}
