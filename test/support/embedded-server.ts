import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './compiled-processes';

/** The compiled embedded PostgreSQL starter (build first: buildOnce). */
const MODULE = join(ROOT, 'dist/libs/platform/src/database/embedded-postgres.js');
const DRIVER = `
const { startEmbeddedPostgres } = require(${JSON.stringify(MODULE)});
startEmbeddedPostgres(process.argv[1], Number(process.argv[2]), (m) => process.stderr.write(m + '\\n')).then(
  (db) => { process.stdout.write(JSON.stringify({ url: db.url }) + '\\n'); process.on('SIGTERM', () => db.stop().then(() => process.exit(0))); },
  (e) => { process.stderr.write(String((e && e.stack) || e) + '\\n'); process.exit(1); },
);`;

export interface Started {
  url: string;
  stop: () => Promise<void>;
}

/** Starts the embedded PostgreSQL on `dataDir` in a process of its own (as `as`, when given), as the launcher does. */
export async function startEmbedded(dataDir: string, port: number, as?: { uid: number; gid: number }): Promise<Started> {
  const child = spawn(process.execPath, ['-e', DRIVER, dataDir, String(port)], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'], ...as });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = once(child, 'exit');
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    void exited.then(() => reject(new Error(`the embedded PostgreSQL did not start: ${stderr}`)));
  });
  return {
    url: (JSON.parse(line) as { url: string }).url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
