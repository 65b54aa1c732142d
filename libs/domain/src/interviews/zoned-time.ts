// Interviews are arranged in a zone ("14:00 Tokyo time"): these helpers show an instant on that zone's wall clock.

export interface WallClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The IANA zone as the runtime names it ("asia/tokyo" → "Asia/Tokyo", "Etc/UTC" → "UTC"), or null
 * when it is not a zone. Stored names must be canonical: PostgreSQL and the feed's VTIMEZONE
 * data look zones up by name.
 */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The date and time an instant shows on the wall clocks of a zone. */
export function wallClock(at: Date, timeZone: string): WallClockFields {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** Minutes the zone is ahead of UTC at that instant (Tokyo: 540). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** `yyyy-mm-ddThh:mm` on the zone's wall clock, e.g. 2026-03-10T14:00. */
export function localDateTime(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
