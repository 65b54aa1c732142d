import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Helpers for tests that run the compiled apps as processes, as `npm start` and Docker do. */
export const ROOT = join(__dirname, '..', '..');

export interface Running {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** Runs a compiled script with only PATH and NODE_ENV from this environment, collecting its lines. */
export function runNode(script: string, env: Record<string, string>, args: string[] = []): Running {
  // A server key, so that apps started without DATA_DIR do not write one into the project's ./data.
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: 'test', SECRET_KEY: 'test server key for compiled processes, 0123456789', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout, stderr, exited };
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * Compiles into dist/ once per test run. Test files run in parallel workers: one builds while the
 * others wait on a lock folder, so no process starts from a file being rewritten.
 */
export async function buildOnce(): Promise<void> {
  const run = process.env.DOSSIER_TEST_TEMPLATE ?? String(process.pid);
  const lock = join(ROOT, 'dist.build-lock');
  const stamp = join(ROOT, 'dist', '.test-build');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (readStamp(stamp) === run) return;
    // As `npm run build` does: compiles only when the sources or dist/ changed since its last build.
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    writeFileSync(stamp, run);
  } finally {
    rmdirSync(lock);
  }
}

function readStamp(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
