// Calendar dates as yyyy-mm-dd strings, in the user's time zone: follow-ups, tasks and applications share them;
// scholarly sources give partial ones (a year, a month) that keep the same form.

/** yyyy-mm-dd of an instant in an IANA time zone (UTC when the zone is unknown). */
export function dateIn(timeZone: string, at: Date): string {
  try {
    // en-CA formats dates as yyyy-mm-dd.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both yyyy-mm-dd). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** yyyy-mm-dd, yyyy-mm or yyyy from the parts a source gives; null when there is no year. */
export function partialDate(year: number | null | undefined, month?: number | null, day?: number | null): string | null {
  if (!year || !Number.isInteger(year)) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!month) return String(year);
  if (!day) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a person in `timeZone` reads it: `Mon, 7 Dec 2026, 14:05 CET` (mails, briefings). */
export function formatInstant(at: Date | string, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    instantFormats.set(timeZone, format);
  }
  return format.format(typeof at === 'string' ? new Date(at) : at);
}
