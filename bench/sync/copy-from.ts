// COPY … FROM STDIN, the fastest way PostgreSQL loads rows: the baseline the works ingest is measured against.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/** Sends `text` (COPY text format) to `COPY <table> (<columns>) FROM STDIN`. */
export async function copyFrom(client: Client, table: string, columns: string[], text: string): Promise<void> {
  const stream = client.query(copyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([Buffer.from(text, 'utf8')]), stream);
}

/** One value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Rows of values as COPY text. */
export function copyText(rows: unknown[][]): string {
  let out = '';
  for (const row of rows) out += `${row.map(copyValue).join('\t')}\n`;
  return out;
}
