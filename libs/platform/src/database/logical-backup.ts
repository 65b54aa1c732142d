import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * A logical backup of a Dossier database in one file, written and read by Node alone: the embedded
 * PostgreSQL ships no pg_dump, and a system's pg_dump refuses a newer server.
 *
 * The file is gzip over lines: first the manifest (one line of JSON: the migrations applied, which
 * give the schema, then every table's columns, row count and SHA-256), then each table's rows as
 * `COPY … TO STDOUT` writes them (text format: one row per line, tabs between columns, newlines and
 * backslashes escaped), ended by a line `\.` that no row can be. The schema is not in the file:
 * restoring runs the same migrations, then copies the rows back in.
 *
 * Only the schema `public` is saved. BullMQ's jobs (Redis, or the `bullmq_*` schema) are work in
 * flight, not data: the worker makes its schedules again when it starts, the next ticks find what
 * is due, and a restore marks the imports and briefings that were waiting as interrupted.
 */
export const BACKUP_FORMAT = 'dossier-backup';
export const BACKUP_VERSION = 1;
const END_OF_TABLE = '\\.';
const SCHEMA = 'public';
/** TypeORM's own table: restored by running the migrations, not copied. */
const MIGRATIONS_TABLE = 'migrations';

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The server the backup was read from (`SELECT version()`). */
  server: string;
  /** The migrations applied, in order: the schema the rows belong to. */
  migrations: string[];
  /** In the order they appear in the file. */
  tables: BackupTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

export class BackupError extends Error {}

/**
 * Settings under which a value prints the same whoever reads it: timestamps in UTC, ISO dates,
 * floats exact, UTF-8.
 */
const SESSION_SETTINGS = ["SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'", 'SET extra_float_digits = 3', "SET client_encoding = 'UTF8'"];

interface TableShape {
  name: string;
  columns: string[];
  key: string[];
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const qualified = (name: string): string => `${ident(SCHEMA)}.${ident(name)}`;

/** Every table of the schema but TypeORM's, with its stored (not generated) columns and its primary key. */
async function tableShapes(client: Client): Promise<TableShape[]> {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = $1 AND c.table_name <> $2 AND c.is_generated = 'NEVER'
      ORDER BY c.table_name, c.ordinal_position`,
    [SCHEMA, MIGRATIONS_TABLE],
  );
  const { rows: keys } = await client.query<{ table: string; column: string }>(
    `SELECT tc.table_name AS table, k.column_name AS column
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
      WHERE tc.table_schema = $1 AND tc.constraint_type = 'PRIMARY KEY'
      ORDER BY tc.table_name, k.ordinal_position`,
    [SCHEMA],
  );
  const shapes = new Map<string, TableShape>();
  for (const { table, column } of columns) {
    if (!shapes.has(table)) shapes.set(table, { name: table, columns: [], key: [] });
    shapes.get(table)!.columns.push(column);
  }
  for (const { table, column } of keys) shapes.get(table)?.key.push(column);
  return [...shapes.values()];
}

async function appliedMigrations(client: Client): Promise<string[] | undefined> {
  const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [qualified(MIGRATIONS_TABLE)]);
  if (!rows[0].exists) return undefined;
  return (await client.query<{ name: string }>(`SELECT name FROM ${qualified(MIGRATIONS_TABLE)} ORDER BY id`)).rows.map((r) => r.name);
}

/** Counts rows and hashes a table's section as it passes. */
class SectionDigest {
  private readonly hash = createHash('sha256');
  rows = 0;

  add(chunk: Buffer | string): void {
    this.hash.update(chunk);
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) this.rows += 1;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Writes a backup of the database `client` is connected to into `file` (a new file, mode 0600:
 * it holds the account's private data and password hashes). Read in one REPEATABLE READ
 * transaction, so every table is from the same moment while the app keeps running.
 */
export async function writeBackup(client: Client, file: string): Promise<BackupManifest> {
  const partial = `${file}.partial`;
  for (const setting of SESSION_SETTINGS) await client.query(setting);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let manifest: BackupManifest;
  try {
    const migrations = await appliedMigrations(client);
    if (!migrations || migrations.length === 0) throw new BackupError('this database has no Dossier schema (no migrations table): nothing to back up');
    const body = createWriteStream(partial, { mode: 0o600, flags: 'wx' });
    const tables: BackupTable[] = [];
    try {
      for (const shape of await tableShapes(client)) {
        const columns = shape.columns.map(ident).join(', ');
        const order = shape.key.length > 0 ? ` ORDER BY ${shape.key.map(ident).join(', ')}` : '';
        const digest = new SectionDigest();
        const rows = client.query(copyTo(`COPY (SELECT ${columns} FROM ${qualified(shape.name)}${order}) TO STDOUT`));
        for await (const chunk of rows as AsyncIterable<Buffer>) {
          digest.add(chunk);
          if (!body.write(chunk)) await once(body, 'drain');
        }
        body.write(`${END_OF_TABLE}\n`);
        tables.push({ name: shape.name, columns: shape.columns, rows: digest.rows, sha256: digest.digest() });
      }
    } finally {
      body.end();
      await finished(body);
    }
    const { rows: sequenceNames } = await client.query<{ name: string }>('SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = $1 ORDER BY 1', [SCHEMA]);
    const sequences: BackupManifest['sequences'] = [];
    for (const { name } of sequenceNames) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${qualified(name)}`);
      sequences.push({ name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
    }
    const { rows: server } = await client.query<{ version: string }>('SELECT version()');
    manifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), server: server[0].version, migrations, tables, sequences };
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  }
  try {
    const out = createWriteStream(file, { mode: 0o600, flags: 'wx' });
    await pipeline(concatenated(`${JSON.stringify(manifest)}\n`, partial), createGzip(), out);
    // The mode given at creation is narrowed by the umask, never widened: 0600 at most, made exact.
    await chmod(file, 0o600);
  } finally {
    await rm(partial, { force: true });
  }
  return manifest;
}

async function* concatenated(head: string, file: string): AsyncGenerator<Buffer> {
  yield Buffer.from(head);
  for await (const chunk of createReadStream(file)) yield chunk as Buffer;
}

/** The lines of a backup file, decompressed; the first is the manifest. */
function backupLines(file: string): AsyncIterableIterator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  // A damaged file fails the gunzip stream: passed on to whoever reads the lines.
  input.on('error', (e) => lines.emit('error', e));
  return lines[Symbol.asyncIterator]();
}

/** Reads and checks the manifest of a backup file. */
export async function readManifest(file: string): Promise<BackupManifest> {
  const lines = backupLines(file);
  let first: IteratorResult<string>;
  try {
    first = await lines.next();
  } catch (e) {
    throw new BackupError(`${file} is not a Dossier backup (${(e as Error).message})`);
  } finally {
    await lines.return?.();
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(first.done ? '' : first.value) as BackupManifest;
  } catch {
    throw new BackupError(`${file} is not a Dossier backup (no manifest)`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Dossier backup`);
  if (manifest.version !== BACKUP_VERSION) throw new BackupError(`${file} is a Dossier backup of format ${manifest.version}; this version reads format ${BACKUP_VERSION}: use a newer Dossier`);
  return manifest;
}

/** Whether any table of the schema (TypeORM's aside) has a row. */
export async function hasData(client: Client): Promise<string | undefined> {
  for (const shape of await tableShapes(client)) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${qualified(shape.name)}) AS any`);
    if (rows[0].any) return shape.name;
  }
  return undefined;
}

export { appliedMigrations };

/**
 * Copies a backup's rows into the database `client` is connected to, whose schema is already at
 * the backup's migrations, in one transaction: every table or none. Foreign keys are dropped for
 * the copy and added back after it (which checks every row against them), so the order of tables
 * and of rows within a table does not matter; user triggers are off meanwhile; sequences are set
 * to where they were. With `replace`, the tables are emptied first. `afterCopy` runs in the same
 * transaction. Every table's row count and checksum are checked against the manifest.
 */
export async function restoreBackup(client: Client, file: string, manifest: BackupManifest, options: { replace: boolean; afterCopy?: (client: Client) => Promise<void> }): Promise<void> {
  for (const setting of SESSION_SETTINGS) await client.query(setting);
  const shapes = new Map((await tableShapes(client)).map((s) => [s.name, s]));
  for (const table of manifest.tables) {
    const shape = shapes.get(table.name);
    if (!shape) throw new BackupError(`the backup has a table "${table.name}" that this database does not have`);
    const missing = table.columns.filter((c) => !shape.columns.includes(c));
    if (missing.length > 0) throw new BackupError(`table "${table.name}": the backup has columns this database does not have: ${missing.join(', ')}`);
  }
  await client.query('BEGIN');
  try {
    if (options.replace && shapes.size > 0) await client.query(`TRUNCATE ${[...shapes.keys()].map(qualified).join(', ')} RESTART IDENTITY CASCADE`);
    const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
      `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'f' AND n.nspname = $1 ORDER BY 1, 2`,
      [SCHEMA],
    );
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${qualified(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
    for (const name of shapes.keys()) await client.query(`ALTER TABLE ${qualified(name)} DISABLE TRIGGER USER`);

    const lines = backupLines(file);
    await lines.next(); // the manifest
    for (const table of manifest.tables) {
      const copy = client.query(copyFrom(`COPY ${qualified(table.name)} (${table.columns.map(ident).join(', ')}) FROM STDIN`));
      const digest = new SectionDigest();
      let ended = false;
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        if (next.value === END_OF_TABLE) {
          ended = true;
          break;
        }
        const row = `${next.value}\n`;
        digest.add(row);
        if (!copy.write(row)) await once(copy, 'drain');
      }
      copy.end();
      await finished(copy);
      if (!ended || digest.rows !== table.rows || digest.digest() !== table.sha256) {
        throw new BackupError(`the backup is damaged: table "${table.name}" does not match its manifest (${digest.rows} of ${table.rows} rows read); nothing was restored`);
      }
    }
    await lines.return?.();

    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${qualified(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
    for (const name of shapes.keys()) await client.query(`ALTER TABLE ${qualified(name)} ENABLE TRIGGER USER`);
    for (const sequence of manifest.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [qualified(sequence.name), sequence.lastValue, sequence.isCalled]);
    }
    await options.afterCopy?.(client);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
