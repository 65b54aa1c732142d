/**
 * Where `npm start` puts the API's and the worker's output. Their JSON log lines (one per request,
 * with the access log, plus start-up and job messages) are for reading later, not for a person
 * watching a terminal: in a terminal they go to DATA_DIR/logs/<app>.log and only warnings and errors
 * are shown, one readable line each. Under a supervisor (stdout not a terminal) the lines pass
 * through unchanged, for the journal or a log shipper to keep.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Past this size a log file is renamed to `<name>.1` (replacing the previous one) and started anew. */
export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Appends lines to `dir/name`, keeping at most two files of LOG_FILE_MAX_BYTES each. Owner-only. */
export class RotatingLogFile {
  readonly path: string;
  private fd: number;
  private size: number;

  constructor(
    dir: string,
    name: string,
    private readonly maxBytes = LOG_FILE_MAX_BYTES,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, name);
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): void {
    const bytes = Buffer.from(`${line}\n`);
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    renameSync(this.path, `${this.path}.1`);
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = 0;
  }
}

interface LogEntry {
  level?: unknown;
  message?: unknown;
  context?: unknown;
  stack?: unknown;
}

const SHOWN_LEVELS = new Set(['warn', 'error', 'fatal']);

/**
 * What a person at the terminal sees of one line an app wrote: a warning or an error as
 * `<app> <level>: <message>` (and its stack), any other JSON entry nothing. A line that is not JSON
 * is shown only when it came on stderr: a crash before the logger existed, or a configuration error.
 */
export function terminalLine(app: string, line: string, fromStderr: boolean): string | undefined {
  let entry: LogEntry;
  try {
    entry = JSON.parse(line) as LogEntry;
  } catch {
    return fromStderr ? `${app}: ${line}` : undefined;
  }
  if (typeof entry !== 'object' || entry === null) return fromStderr ? `${app}: ${line}` : undefined;
  const level = typeof entry.level === 'string' ? entry.level : '';
  if (!SHOWN_LEVELS.has(level)) return undefined;
  const message = typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message);
  const context = typeof entry.context === 'string' && entry.context !== app ? ` [${entry.context}]` : '';
  const stack = typeof entry.stack === 'string' && entry.stack ? `\n${indent(entry.stack)}` : '';
  return `${app} ${level}${context}: ${message}${stack}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
