// What the bench:sync sections share: reading BENCH_* counts, and printing Markdown tables.
export { intEnv } from '../measure';

/** Columns whose text reads better left-aligned; numbers are right-aligned. */
const LEFT_COLUMNS = new Set(['note', 'configured limit', 'enforced limit']);

export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const left = (i: number): boolean => i === 0 || LEFT_COLUMNS.has(header[i]);
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (left(i) ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

