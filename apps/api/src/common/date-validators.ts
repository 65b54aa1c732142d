// The validators live in libs/platform so that schemas declared in the domain (the account export's) use them too.
export { IsCalendarDate, IsZonedDateTime } from '#platform';
