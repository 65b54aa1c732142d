import { parse } from 'csv-parse/sync';
import { decodeText, splitLines } from './decode-text';
import type { ParseResult, PersonDraft } from './person-draft';

const REQUIRED_COLUMNS = ['First Name', 'Last Name', 'URL', 'Company', 'Position', 'Connected On'] as const;
// Older exports have no email column at all.
const OPTIONAL_COLUMNS = ['Email Address'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

interface CsvRecord {
  line: number; // 1-based line the record starts on
  cells?: string[];
  error?: string;
}

/**
 * Parses LinkedIn's "Connections.csv" export (Settings → Data privacy → Get a copy of your data).
 * The file starts with a free-text "Notes:" preamble, so the header is searched for rather than
 * assumed to be on line 1.
 */
export function parseLinkedInConnections(input: string | Buffer): ParseResult {
  const result: ParseResult = { rows: [], skipped: [] };
  const records = splitRecords(decodeText(input));

  let header: Map<Column, number> | undefined;
  let headerWidth = 0;
  let best: { line: number; found: Set<Column> } | undefined;

  for (const record of records) {
    if (!header) {
      if (!record.cells) continue;
      const columns = matchHeader(record.cells);
      if (REQUIRED_COLUMNS.every((c) => columns.has(c))) {
        header = columns;
        headerWidth = record.cells.length;
      } else if (columns.size > 0 && (!best || columns.size > best.found.size)) {
        best = { line: record.line, found: new Set(columns.keys()) };
      }
      continue;
    }
    if (!record.cells) {
      result.skipped.push({ line: record.line, reason: `malformed row: ${record.error}` });
      continue;
    }
    const cells = dropTrailingEmpties(record.cells, headerWidth);
    if (cells.length !== headerWidth) {
      result.skipped.push({
        line: record.line,
        reason: `malformed row: expected ${headerWidth} columns, found ${cells.length}`,
      });
      continue;
    }
    const get = (c: Column) => {
      const index = header?.get(c);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const givenName = get('First Name');
    const familyName = get('Last Name');
    if (!givenName && !familyName) {
      result.skipped.push({ line: record.line, reason: 'no name: First Name and Last Name are both empty' });
      continue;
    }
    const draft: PersonDraft = {
      fullName: [givenName, familyName].filter(Boolean).join(' '),
      emails: [],
      links: {},
      tags: [],
    };
    if (givenName) draft.givenName = givenName;
    if (familyName) draft.familyName = familyName;
    const url = get('URL');
    if (url) draft.links.linkedin = url;
    const email = get('Email Address');
    if (email) draft.emails.push(email);
    const company = get('Company');
    if (company) draft.organizationName = company;
    const position = get('Position');
    if (position) draft.headline = position;
    const connectedOn = parseConnectedOn(get('Connected On'));
    if (connectedOn) draft.connectedOn = connectedOn;
    result.rows.push({ line: record.line, draft });
  }

  if (!header) {
    const found = best?.found ?? new Set<Column>();
    const missing = REQUIRED_COLUMNS.filter((c) => !found.has(c));
    result.skipped.push({
      line: best?.line ?? 1,
      reason: `no LinkedIn connections header found; missing columns: ${missing.join(', ')}`,
    });
  }
  return result;
}

function matchHeader(cells: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    const column = ALL_COLUMNS.find((c) => c.toLowerCase() === name);
    if (column && !columns.has(column)) columns.set(column, index);
  });
  return columns;
}

// A stray trailing comma should not cost a row.
function dropTrailingEmpties(cells: string[], width: number): string[] {
  let end = cells.length;
  while (end > width && cells[end - 1].trim() === '') end--;
  return cells.slice(0, end);
}

/**
 * Cuts the text into CSV records (a quoted field may span lines) remembering where each starts,
 * then lets csv-parse read each one. Parsing record by record keeps exact line numbers and means a
 * broken row costs only that row. An unterminated quote would swallow the rest of the file, so
 * that record is reported alone and scanning resumes on the next line.
 */
function splitRecords(text: string): CsvRecord[] {
  const lines = splitLines(text);
  const records: CsvRecord[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    const start = i;
    let inQuotes = quoteStateAfter(lines[i], false);
    while (inQuotes && i + 1 < lines.length) {
      i++;
      inQuotes = quoteStateAfter(lines[i], true);
    }
    if (inQuotes) {
      records.push({ line: start + 1, error: 'quoted field is never closed' });
      i = start + 1;
      continue;
    }
    records.push(readRecord(lines.slice(start, i + 1).join('\n'), start + 1));
    i++;
  }
  return records;
}

/**
 * Whether a quoted field is still open at the end of the line. Only a quote opening a field opens
 * one (csv-parse with relax_quotes keeps other quotes literally), and only a quote followed by a
 * comma or the line end closes it, so a stray quote further down cannot "close" a broken field.
 */
function quoteStateAfter(line: string, inQuotes: boolean): boolean {
  let quoted = inQuotes;
  let fieldStart = !inQuotes;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch !== '"') continue;
      const next = line[i + 1];
      if (next === '"') i++;
      else if (next === undefined || next === ',') quoted = false;
    } else if (ch === '"' && fieldStart) {
      quoted = true;
    }
    fieldStart = !quoted && ch === ',';
  }
  return quoted;
}

function readRecord(text: string, line: number): CsvRecord {
  try {
    const parsed = parse(text, { relax_quotes: true, relax_column_count: true });
    if (parsed.length !== 1) return { line, error: `expected one record, found ${parsed.length}` };
    return { line, cells: parsed[0] };
  } catch (e) {
    return { line, error: e instanceof Error ? e.message : String(e) };
  }
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * LinkedIn has written "Connected On" as "10 Dec 2024" and, in older US exports, "12/10/2024"
 * (month first) or "12/10/24". Unreadable dates yield undefined; the row is still imported.
 */
export function parseConnectedOn(value: string): string | undefined {
  const v = value.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v))) return isoDate(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$/.exec(v))) {
    return isoDate(+m[3], monthNumber(m[2]), +m[1]);
  }
  if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(v))) return isoDate(+m[3], monthNumber(m[1]), +m[2]);
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v))) {
    const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    let [month, day] = [+m[1], +m[2]];
    // US order unless that is impossible (e.g. 25/12/2024).
    if (month > 12 && day <= 12) [month, day] = [day, month];
    return isoDate(year, month, day);
  }
  return undefined;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)] ?? 0;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}
