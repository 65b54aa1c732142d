/**
 * Every IANA zone the browser knows, sorted, for a time-zone select. Some engines leave UTC (or an
 * alias the profile or a record holds) out of the list: the zones in `keep` stay choosable.
 */
export function timeZones(...keep: string[]): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...keep, 'UTC', ...zones])].filter(Boolean).sort();
}
