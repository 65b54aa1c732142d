/**
 * `npm run backup [-- <file or folder>]`: a backup of Dossier's database into one file (default
 * backups/dossier-<UTC time>.backup.gz), mode 0600. The embedded database of `npm start` when
 * DATABASE_URL is unset (running or not), any Dossier database when it is set. Safe while Dossier
 * runs: every table is read from the same moment. See libs/platform/src/database/logical-backup.ts.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigError, parseEnv } from '#platform/config/app-config';
import { BackupError, writeBackup } from '#platform/database/logical-backup';
import { databaseTarget } from './database-target';

function log(message: string): void {
  process.stdout.write(`dossier backup: ${message}\n`);
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write('usage: npm run backup [-- <file or folder>]\n');
    return 2;
  }
  const env = parseEnv(process.env);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const name = `dossier-${stamp}.backup.gz`;
  // A folder (existing, or written with a trailing slash) gets a file of the default name.
  const given = args[0];
  const file = resolve(given === undefined ? join('backups', name) : given.endsWith('/') || (await isFolder(given)) ? join(given, name) : given);
  // The folder too is private: the file names say when backups were made.
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const target = await databaseTarget(env, 'backup', log);
  try {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      log(`backing up ${target.description}`);
      const manifest = await writeBackup(client, file);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      log(`wrote ${file} (mode 0600): ${manifest.tables.length} tables, ${rows} rows, schema at ${manifest.migrations[manifest.migrations.length - 1]}`);
    } finally {
      await client.end();
    }
  } finally {
    await target.release();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const known = e instanceof BackupError || e instanceof ConfigError || (e as NodeJS.ErrnoException).code === 'EEXIST';
    process.stderr.write(`dossier backup: failed: ${known ? (e as Error).message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
