import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EnvSchema } from '#platform/config/env.schema';
import { DATABASE_FOLDER, embeddedDatabaseUrl, runningEmbeddedPort, startEmbeddedPostgres } from '#platform/database/embedded-postgres';

/** The database a backup or restore works on, and how to let it go afterwards. */
export interface DatabaseTarget {
  url: string;
  /** What to tell a person: where it is, never the password. */
  description: string;
  release(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded database in DATA_DIR: the running server when
 * `npm start` has it up (read from its postmaster.pid), else started here for the time of the
 * command (and, for a restore into an empty DATA_DIR, initialised first).
 */
export async function databaseTarget(env: EnvSchema, purpose: 'backup' | 'restore', log: (m: string) => void): Promise<DatabaseTarget> {
  if (env.DATABASE_URL) {
    const shown = new URL(env.DATABASE_URL);
    return { url: env.DATABASE_URL, description: `${shown.hostname}:${shown.port || 5432}${shown.pathname} (DATABASE_URL)`, release: async () => undefined };
  }
  const dataDir = resolve(env.DATA_DIR);
  const description = `the embedded database in ${join(dataDir, DATABASE_FOLDER)}`;
  const port = await runningEmbeddedPort(dataDir);
  if (port !== undefined) {
    const url = await embeddedDatabaseUrl(dataDir, port);
    if (!url) throw new Error(`${description} is running, but ${join(dataDir, 'postgres-password')} is missing: start Dossier once with npm start (it makes the file), then try again`);
    return { url, description: `${description} (running, port ${port})`, release: async () => undefined };
  }
  if (purpose === 'backup' && !existsSync(join(dataDir, DATABASE_FOLDER, 'PG_VERSION'))) {
    throw new Error(`there is no embedded database in ${dataDir} (DATA_DIR) to back up, and DATABASE_URL is not set`);
  }
  const database = await startEmbeddedPostgres(dataDir, env.EMBEDDED_PG_PORT, log);
  return { url: database.url, description, release: () => database.stop() };
}
