import { Client } from 'pg';

/** The server tests run against: this machine's PostgreSQL unless TEST_DATABASE_URL says otherwise. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * The migrated template of this test run. Named after the jest process (global setup sets it for
 * the workers), so two runs on one machine never drop each other's databases.
 */
export const TEMPLATE_DATABASE = process.env.DOSSIER_TEST_TEMPLATE ?? `dossier_template_${process.pid}`;

/** The pid a test database was made for (`dossier_test_<pid>_…`, `dossier_template_<pid>`). */
export function ownerPid(datname: string): number | undefined {
  const match = /^dossier_(?:test|template)_(\d+)/.exec(datname);
  return match ? Number(match[1]) : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, cloned from the migrated template (fast: a file copy). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `dossier_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withServer((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
