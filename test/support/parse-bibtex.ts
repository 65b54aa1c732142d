import { execFileSync } from 'node:child_process';

export interface ParsedBibEntry {
  type: string;
  key: string;
  fields: Record<string, any>;
}

/**
 * Reads BibTeX back with an independent parser (@retorquere/bibtex-parser, the one Better BibTeX
 * uses). It ships ESM whose CommonJS build jest cannot load, so it runs in its own node process.
 */
export function parseBibtex(bib: string): { entries: ParsedBibEntry[]; errors: unknown[] } {
  const script = `
    import { parse } from '@retorquere/bibtex-parser';
    let input = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) input += chunk;
    const { entries, errors } = parse(input);
    process.stdout.write(JSON.stringify({ entries: entries.map((e) => ({ type: e.type, key: e.key, fields: e.fields })), errors }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: bib, cwd: process.cwd(), encoding: 'utf8' });
  return JSON.parse(out);
}
