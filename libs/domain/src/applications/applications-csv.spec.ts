import { parse } from 'csv-parse/sync';
import { applicationsCsv, applicationsCsvFilename, APPLICATIONS_CSV_COLUMNS, ApplicationsCsvRow } from './applications-csv';

const row = (overrides: Partial<ApplicationsCsvRow> = {}): ApplicationsCsvRow => ({ ...(Object.fromEntries(APPLICATIONS_CSV_COLUMNS.map((c) => [c, `${c} value`])) as ApplicationsCsvRow), ...overrides });

describe('applications CSV', () => {
  it('writes a BOM, a header and CRLF rows, quoting commas, quotes and line breaks, and reads back exactly', () => {
    const note = 'Strong, "very" strong\nnext line: café';
    const csv = applicationsCsv([row({ note, team: null }), row({ note: 'bare\rCR' })]);
    expect(csv.startsWith('\uFEFFapplication_id,organization,')).toBe(true);
    expect(csv).toContain('"Strong, ""very"" strong\nnext line: café"\r\n');
    const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      { ...row({ note, team: '' }) },
      { ...row({ note: 'bare\rCR' }) },
    ]);
  });

  it('prefixes cells that a spreadsheet would run as formulas with a single quote', () => {
    const csv = applicationsCsv([row({ note: '=HYPERLINK("http://x")', role: '+1', team: '-2', organization: '@SUM(A1)', template: '\tx', source: 'a=b' })]);
    const [record] = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(record).toMatchObject({ note: `'=HYPERLINK("http://x")`, role: "'+1", team: "'-2", organization: "'@SUM(A1)", template: "'\tx", source: 'a=b' });
  });

  it('writes only the header when there is nothing to export', () => {
    expect(applicationsCsv([])).toBe(`\uFEFF${APPLICATIONS_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('names the file after the day', () => {
    expect(applicationsCsvFilename('2026-11-29')).toBe('applications-2026-11-29.csv');
  });
});
