/**
 * `npm run restore -- <file> [--force]`: puts a backup made by `npm run backup` back. Into the
 * embedded database when DATABASE_URL is unset (an empty DATA_DIR is initialised first), or into
 * the database DATABASE_URL names. Runs the migrations up to the backup's, then copies every table
 * back in one transaction (all or nothing), checking each against the backup's checksums.
 * Refuses a database that holds data, or that others are connected to (stop Dossier first),
 * unless --force, which replaces what is there. The next start runs any newer migrations.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from '#domain/entities';
import { ConfigError, parseEnv } from '#platform/config/app-config';
import { dataSourceOptions } from '#platform/database/data-source-options';
import { appliedMigrations, BackupError, hasData, readManifest, restoreBackup } from '#platform/database/logical-backup';
import { MIGRATIONS } from '../migrations/index';
import { databaseTarget } from './database-target';

function log(message: string): void {
  process.stdout.write(`dossier restore: ${message}\n`);
}

/**
 * Work that was waiting in the queue when the backup was made has no job any more (jobs are not
 * in a backup): say so on its row instead of leaving it "queued" for ever.
 */
async function markInterrupted(client: Client): Promise<void> {
  await client.query(
    "UPDATE import_runs SET status = 'failed', payload = NULL, finished_at = now(), error = 'Interrupted: the database was restored from a backup made before this import finished; import the file again' WHERE status IN ('queued', 'running')",
  );
  await client.query("UPDATE briefings SET status = 'failed', error = 'Interrupted: the database was restored from a backup made before this version was ready; ask for a new one' WHERE status IN ('queued', 'generating')");
  await client.query(
    `UPDATE sync_runs SET status = 'failed', finished_at = now(), errors = errors || '["Interrupted: the database was restored from a backup made while this sync ran"]'::jsonb WHERE status = 'running'`,
  );
  // As a finished run leaves its identity: broken, synced before, or never.
  await client.query(
    "UPDATE scholarly_identities SET sync_state = CASE WHEN broken_reason IS NOT NULL THEN 'broken' WHEN last_synced_at IS NOT NULL THEN 'ok' ELSE 'never' END WHERE sync_state IN ('queued', 'running')",
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0].startsWith('-')) {
    process.stderr.write('usage: npm run restore -- <file> [--force]\n');
    return 2;
  }
  const env = parseEnv(process.env);
  const file = resolve(files[0]);
  const manifest = await readManifest(file);
  const known = new Map(MIGRATIONS.map((m) => [m.name, m]));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new BackupError(`the backup was made by a newer Dossier (its schema has ${unknown.join(', ')}): update Dossier, then restore`);
  log(`${file}: made ${manifest.createdAt}, ${manifest.tables.length} tables, ${manifest.tables.reduce((s, t) => s + t.rows, 0)} rows`);

  const target = await databaseTarget(env, 'restore', log);
  try {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      log(`restoring into ${target.description}`);
      const { rows: others } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (others[0].n > 0 && !force) throw new BackupError(`${others[0].n} other connection(s) to this database: stop Dossier (the API and the worker) first, or pass --force`);
      const applied = (await appliedMigrations(client)) ?? [];
      const newer = applied.filter((name) => !manifest.migrations.includes(name));
      if (newer.length > 0) throw new BackupError(`this database's schema is newer than the backup's (${newer.join(', ')}): restore into an empty database (a new DATA_DIR, or a new database in DATABASE_URL)`);
      const filled = await hasData(client);
      if (filled && !force) throw new BackupError(`this database is not empty (table ${filled} has rows): pass --force to replace everything in it with the backup`);

      // The schema the rows belong to: the backup's migrations, not this version's newer ones.
      const dataSource = new DataSource(dataSourceOptions(target.url, ENTITIES, manifest.migrations.map((name) => known.get(name)!)));
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      await restoreBackup(client, file, manifest, { replace: Boolean(filled), afterCopy: markInterrupted });
      log(`restored ${manifest.tables.length} tables; the next start runs any newer migrations`);
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
    const known = e instanceof BackupError || e instanceof ConfigError;
    process.stderr.write(`dossier restore: failed: ${known ? (e as Error).message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
