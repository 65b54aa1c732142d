/** Dates and times as the user reads them: in their profile's time zone (from /me), in the browser's locale. */
let timeZone: string | undefined;

export function setTimeZone(zone: string | undefined): void {
  timeZone = zone;
}

/**
 * One formatter per style and zone, made once: making an Intl.DateTimeFormat costs about a hundred
 * times as much as formatting with it, and a screen of cards formats hundreds of dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: 'date' | 'dateTime', zone: string | undefined): Intl.DateTimeFormat {
  const key = `${style} ${zone ?? ''}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(undefined, style === 'date' ? { dateStyle: 'medium', timeZone: zone } : { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
    formatters.set(key, made);
  }
  return made;
}

export function formatDateTime(iso: string): string {
  return formatter('dateTime', timeZone).format(new Date(iso));
}

export function formatDate(iso: string): string {
  // A date without a time (yyyy-mm-dd) is a calendar day: shown as that day, whatever the zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatter('date', 'UTC').format(new Date(`${iso}T00:00:00Z`));
  return formatter('date', timeZone).format(new Date(iso));
}

/** The zone times are shown in (the profile's, else the browser's). */
export function currentTimeZone(): string {
  return timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An event's time in its own zone, when that zone is not the user's (an interview in another country). */
export function formatInZone(iso: string, zone: string): string | undefined {
  if (zone === currentTimeZone()) return undefined;
  return `${formatter('dateTime', zone).format(new Date(iso))} ${zone}`;
}
