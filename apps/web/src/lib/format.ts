/** Dates and times as the user reads them: in their profile's time zone (from /me), in the browser's locale. */
let timeZone: string | undefined;

export function setTimeZone(zone: string | undefined): void {
  timeZone = zone;
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  // A date without a time (yyyy-mm-dd) is a calendar day: shown as that day, whatever the zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** The zone times are shown in (the profile's, else the browser's). */
export function currentTimeZone(): string {
  return timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An event's time in its own zone, when that zone is not the user's (an interview in another country). */
export function formatInZone(iso: string, zone: string): string | undefined {
  if (zone === currentTimeZone()) return undefined;
  return `${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(iso))} ${zone}`;
}
