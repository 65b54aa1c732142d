import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// A full instant with its offset: a date alone, or a time without a zone, would be read in the server's zone.
const ZONED_DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A calendar date, yyyy-mm-dd, that exists (no 2026-02-30). One problem per field, not one per check. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (v) => typeof v === 'string' && DATE_RE.test(v) && isISO8601(v, { strict: true }), defaultMessage: () => 'must be a date as yyyy-mm-dd' } },
    options,
  );
}

/** An ISO 8601 date-time with a time zone (Z or an offset), that exists. */
export function IsZonedDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isZonedDateTime',
      validator: {
        validate: (v) => typeof v === 'string' && ZONED_DATE_TIME_RE.test(v) && isISO8601(v, { strict: true }),
        defaultMessage: () => 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-15T14:30:00Z',
      },
    },
    options,
  );
}
