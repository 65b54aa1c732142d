import { stringify } from 'csv-stringify/sync';

/** The columns of the applications export, in order: the application's, then the move's. */
export const APPLICATIONS_CSV_COLUMNS = [
  'application_id',
  'organization',
  'team',
  'role',
  'source',
  'status',
  'applied_on',
  'closed_on',
  'template',
  'rerouted_from_id',
  'move',
  'at',
  'from_stage',
  'to_stage',
  'from_status',
  'to_status',
  'note',
] as const;
export type ApplicationsCsvColumn = (typeof APPLICATIONS_CSV_COLUMNS)[number];

/** One recorded move with its application's columns; null is written as an empty cell. */
export type ApplicationsCsvRow = Record<ApplicationsCsvColumn, string | null>;

/**
 * Writes the export: a header row, then one row per move. Cells holding commas, quotes or line
 * breaks are quoted (quotes doubled); the file is UTF-8 with a byte-order mark so spreadsheets
 * read accented text right, and rows end with CRLF (RFC 4180).
 *
 * Formula injection: notes, roles and team names are the user's (or pasted) free text, and a
 * spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula. `escape_formulas`
 * prefixes such cells with a single quote, so they open as text: "=HYPERLINK(…)" becomes
 * "'=HYPERLINK(…)". Every cell here is a string, so a leading "-" is prefixed too.
 */
export function applicationsCsv(rows: readonly ApplicationsCsvRow[]): string {
  return stringify(
    rows.map((row) => APPLICATIONS_CSV_COLUMNS.map((column) => row[column] ?? '')),
    {
      header: true,
      columns: [...APPLICATIONS_CSV_COLUMNS],
      bom: true,
      record_delimiter: 'windows',
      // Given a record delimiter, csv-stringify would only quote cells containing CRLF; a note with a bare LF must be quoted too.
      quote_record_delimiter: true,
      escape_formulas: true,
    },
  );
}

/** The download's name: applications-<yyyy-mm-dd>.csv, dated in the user's time zone. */
export function applicationsCsvFilename(today: string): string {
  return `applications-${today}.csv`;
}
