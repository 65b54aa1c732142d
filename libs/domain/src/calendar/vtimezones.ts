import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ICAL from 'ical.js';
import { utcOffsetMinutes, wallClock } from '../interviews/index';

type IcalTimezone = InstanceType<typeof ICAL.Timezone>;

/**
 * VTIMEZONE blocks for the feed, from @touch4it/ical-timezones. That data describes each zone by
 * its rules of some years ago (Mexico City still has summer time in it), and calendar clients trust
 * the VTIMEZONE over their own database. So a zone is used for an event only when its VTIMEZONE
 * gives the same UTC offset as the runtime's time-zone database at the event's times; otherwise the
 * event is written in UTC, which every client shows at the right instant.
 */
export class Vtimezones {
  private readonly components = new Map<string, { text: string; zone: IcalTimezone } | null>();

  /** The TZID to write these instants in, or null for UTC. */
  zoneFor(timeZone: string, instants: Date[]): string | null {
    const entry = this.load(timeZone);
    if (!entry) return null;
    const agrees = instants.every((at) => {
      const w = wallClock(at, timeZone);
      const local = ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, isDate: false }, entry.zone);
      return entry.zone.utcOffset(local) / 60 === utcOffsetMinutes(at, timeZone);
    });
    return agrees ? timeZone : null;
  }

  /** The VTIMEZONE component text for a zone returned by `zoneFor` (ical-generator's generator). */
  component = (timeZone: string): string | null => this.load(timeZone)?.text ?? null;

  private load(timeZone: string): { text: string; zone: IcalTimezone } | null {
    if (!this.components.has(timeZone)) {
      const text = getVtimezoneComponent(timeZone);
      let entry: { text: string; zone: IcalTimezone } | null = null;
      if (text) {
        try {
          entry = { text, zone: new ICAL.Timezone(ICAL.Component.fromString(text)) };
        } catch {
          entry = null;
        }
      }
      this.components.set(timeZone, entry);
    }
    return this.components.get(timeZone) ?? null;
  }
}
