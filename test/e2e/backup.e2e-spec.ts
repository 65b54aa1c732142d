import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { seedInterviewScene } from '../support/briefing-scene';
import { buildOnce, freePort, ROOT } from '../support/compiled-processes';
import { query, startEmbedded } from '../support/embedded-server';
import { createTestApp, registerUser, TestApp } from '../support/test-app';

/**
 * `npm run backup` and `npm run restore` (scripts/backup.ts, scripts/restore.ts, compiled), as a
 * person runs them: a Dossier database full of an account's data (people, organizations, an
 * application and its moves, an interview, works and their records, imports, tokens, a stored
 * Idempotency-Key answer, and text with newlines, tabs, backslashes, quotes and non-Latin
 * characters) backed up through DATABASE_URL, restored into an empty DATA_DIR (the embedded
 * PostgreSQL, a newer server than the source's), and every table compared row by row as text.
 */
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, `dist/scripts/${name}.js`), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'error', ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every table of the schema (TypeORM's migrations too), each row as text, in primary key order; and every sequence. Generic: a new table is compared without a change here. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'");
    const { rows: tables } = await client.query<{ name: string; key: string[] | null }>(
      `SELECT t.table_name AS name,
              (SELECT array_agg(k.column_name::text ORDER BY k.ordinal_position)
                 FROM information_schema.table_constraints c
                 JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
                WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY') AS key
         FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY 1`,
    );
    const out: Record<string, string[]> = {};
    for (const { name, key } of tables) {
      const order = key ? key.map((c) => `r."${c}"`).join(', ') : 'r::text';
      out[name] = (await client.query<{ row: string }>(`SELECT r::text AS row FROM public."${name}" r ORDER BY ${order}`)).rows.map((r) => r.row);
    }
    const { rows: sequences } = await client.query<{ name: string }>("SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public'");
    for (const { name } of sequences) out[`sequence ${name}`] = (await client.query<{ row: string }>(`SELECT last_value::text || ' ' || is_called AS row FROM public."${name}"`)).rows.map((r) => r.row);
    return out;
  } finally {
    await client.end();
  }
}

/** Every table but briefings: a restore marks the version that was waiting for its job as interrupted. */
const withoutBriefings = ({ briefings: _b, ...rest }: Record<string, string[]>) => rest;

const manifestOf = (file: string) => JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]) as { migrations: string[]; tables: { name: string; rows: number; sha256: string }[] };

describe('npm run backup / npm run restore', () => {
  const NASTY = 'Line one\nline two\twith a tab, a backslash \\ and \\N, "double" and \'single\' quotes,\r\nZoë Ångström, Łukasz, Софья, 日本語, 😀; trailing spaces   ';
  const work = mkdtempSync(join(tmpdir(), 'dossier-backup-'));
  // As a home folder is: the embedded server (as postgres, under root) passes through it.
  chmodSync(work, 0o755);
  let t: TestApp;
  let source: Record<string, string[]>;

  beforeAll(async () => {
    await buildOnce();
    t = await createTestApp();
    const user = await registerUser(t);
    await seedInterviewScene(t, user);
    await t.http().post('/people').set(user.auth).set('Idempotency-Key', 'backup-nasty').send({ fullName: 'Zoë Ångström', notes: NASTY, headline: 'Tab\there', tags: ['a "quoted" tag', 'back\\slash'] }).expect(201);
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nGrace,Hopper,https://www.linkedin.com/in/grace-hopper-backup,grace@example.org,US Navy,"Rear Admiral, ""Amazing Grace""",1 Jan 2024\n';
    await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send(csv).expect(201);
    await t.http().post('/tokens').set(user.auth).send({ name: 'laptop' }).expect(201);
    await registerUser(t);
    // Asked for with no worker running: it waits in the queue, which a backup does not hold.
    const interviewId = ((await t.db.query('SELECT id FROM interviews LIMIT 1')) as { id: string }[])[0].id;
    await t.http().post(`/interviews/${interviewId}/briefings`).set(user.auth).expect(202);
    source = await snapshot(t.config.database.url);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up any Dossier database and restores it into an empty data folder, every table the same', async () => {
    // The seed reached the kinds of value a backup must carry.
    expect(source.people.some((row) => row.includes('Ångström') && row.includes('\\\\'))).toBe(true);
    for (const table of ['users', 'people', 'organizations', 'applications', 'application_moves', 'interviews', 'works', 'work_records', 'import_runs', 'idempotency_keys', 'access_tokens', 'scholarly_identities', 'reading_entries']) {
      expect(source[table].length).toBeGreaterThan(0);
    }

    const file = join(work, 'nested', 'dossier.backup.gz');
    const backup = await script('backup', [file], { DATABASE_URL: t.config.database.url });
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain(`wrote ${file} (mode 0600)`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(work, 'nested')).mode & 0o777).toBe(0o700);
    const manifest = manifestOf(file);
    expect(manifest.tables.map((x) => x.name).sort()).toEqual(Object.keys(source).filter((k) => k !== 'migrations' && !k.startsWith('sequence ')).sort());
    for (const table of manifest.tables) expect(table.rows).toBe(source[table.name].length);
    expect(manifest.migrations.length).toBe(source.migrations.length);
    // Never over an existing backup.
    expect(await script('backup', [file], { DATABASE_URL: t.config.database.url })).toMatchObject({ code: 1, stderr: expect.stringContaining('EEXIST') });

    // Into an empty DATA_DIR: the embedded PostgreSQL is initialised, migrated and filled.
    const dataDir = join(work, 'data');
    const embedded = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    const restored = await script('restore', [file], embedded);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(source.briefings).toHaveLength(1);
    expect(source.briefings[0]).toContain(',queued,');
    let server = await startEmbedded(dataDir, Number(embedded.EMBEDDED_PG_PORT));
    try {
      expect(withoutBriefings(await snapshot(server.url))).toEqual(withoutBriefings(source));
      // The one difference: the briefing that was waiting for its job says it was interrupted.
      const [waiting] = await query<{ status: string; error: string }>(server.url, 'SELECT status, error FROM briefings');
      expect(waiting).toEqual({ status: 'failed', error: 'Interrupted: the database was restored from a backup made before this version was ready; ask for a new one' });
    } finally {
      await server.stop();
    }

    // A database with data is not overwritten unless asked.
    const again = await script('restore', [file], embedded);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('this database is not empty (table');
    expect(again.stderr).toContain('--force');
    expect(await script('restore', [file, '--force'], embedded)).toMatchObject({ code: 0, stderr: '' });

    // The embedded database backs up too (started for the time of the backup), to the same rows.
    const second = join(work, 'second.backup.gz');
    expect(await script('backup', [second], embedded)).toMatchObject({ code: 0, stderr: '' });
    const others = (tables: { name: string }[]) => tables.filter((x) => x.name !== 'briefings');
    expect(others(manifestOf(second).tables)).toEqual(others(manifest.tables));

    // While Dossier runs (its server up, the apps connected): the backup reads the running server,
    // found by its data folder whatever EMBEDDED_PG_PORT says; a restore refuses to go under the apps.
    server = await startEmbedded(dataDir, Number(embedded.EMBEDDED_PG_PORT));
    const app = new Client({ connectionString: server.url });
    await app.connect();
    try {
      const live = join(work, 'live.backup.gz');
      const elsewhere = { ...embedded, EMBEDDED_PG_PORT: String(await freePort()) };
      expect(await script('backup', [live], elsewhere)).toMatchObject({ code: 0, stderr: '' });
      expect(others(manifestOf(live).tables)).toEqual(others(manifest.tables));
      const underApps = await script('restore', [live], elsewhere);
      expect(underApps.code).toBe(1);
      expect(underApps.stderr).toContain('1 other connection(s) to this database: stop Dossier (the API and the worker) first');
    } finally {
      await app.end();
      await server.stop();
    }

    // A damaged backup is refused whole: one changed character in one row.
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const at = lines.findIndex((line, i) => i > 0 && line.includes('Ångström'));
    lines[at] = lines[at].replace('Ångström', 'Angstrom');
    const damaged = join(work, 'damaged.backup.gz');
    writeFileSync(damaged, gzipSync(lines.join('\n')));
    const refused = await script('restore', [damaged, '--force'], embedded);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the backup is damaged: table "[a-z_]+" does not match its manifest/);
    server = await startEmbedded(dataDir, Number(embedded.EMBEDDED_PG_PORT));
    try {
      expect(withoutBriefings(await snapshot(server.url))).toEqual(withoutBriefings(source));
    } finally {
      await server.stop();
    }
  }, 240_000);
});
