import type { ICalDayJsStub } from 'ical-generator';
import { pad, wallClock } from '../interviews/index';

/**
 * An instant read on one zone's wall clock, in the Day.js shape ical-generator accepts. Given a
 * plain Date and a TZID, ical-generator would print the *server's* local time; this prints the
 * time in the event's own zone (DTSTART;TZID=Asia/Tokyo:20260310T090000).
 */
export class WallClockTime implements ICalDayJsStub {
  constructor(
    private readonly instant: Date,
    private readonly timeZone: string,
  ) {}

  tz(timeZone: string = this.timeZone): WallClockTime {
    return new WallClockTime(this.instant, timeZone);
  }

  utc(): WallClockTime {
    return new WallClockTime(this.instant, 'UTC');
  }

  /** Supports the tokens ical-generator uses: YYYY MM DD HH mm ss. */
  format(pattern = 'YYYY-MM-DDTHH:mm:ss'): string {
    const w = wallClock(this.instant, this.timeZone);
    const values: Record<string, string> = { YYYY: pad(w.year, 4), MM: pad(w.month), DD: pad(w.day), HH: pad(w.hour), mm: pad(w.minute), ss: pad(w.second) };
    return pattern.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => values[token]);
  }

  isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }

  toDate(): Date {
    return this.instant;
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}
