/**
 * Wall-clock times in a named zone, for forms: the user types a time as read on the clocks of a zone
 * (an interview arranged for 14:00 in London, a mock held at 18:00 at home) and the API takes an
 * instant with an offset.
 */

/** The zone's offset from UTC, in minutes, at one instant. */
function offsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "2027-03-02T13:00" on the clocks of `zone` → "2027-03-02T13:00:00+00:00" (the offset in force then). */
export function wallClockToIso(local: string, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset across a daylight-saving change.
  let offset = offsetMinutes(wall, zone);
  offset = offsetMinutes(wall - offset * 60_000, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.slice(0, 16)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as the clocks of `zone` show it, for a datetime-local input: "2027-03-02T14:00". */
export function isoToWallClock(iso: string | Date, zone: string): string {
  const instant = new Date(iso).getTime();
  const wall = new Date(instant + offsetMinutes(instant, zone) * 60_000);
  return wall.toISOString().slice(0, 16);
}
