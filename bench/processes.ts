// What the benchmarks that run the real server share: starting it as a child process on a free
// port, waiting until it is ready, and stopping whatever they started.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningServer {
  name: string;
  url: string;
  child: ChildProcess;
}

/**
 * Spawns `script` with this environment plus `env` and PORT (a free one), and waits until its
 * /health/ready answers 200. The child is added to `children` at once, so a failed start is still stopped.
 */
export async function startServer(name: string, script: string, env: Record<string, string>, children: ChildProcess[], stdout: number | 'inherit' = 'inherit'): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', stdout, 'inherit'] });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `${name} exited (${signal ?? code}) before it was ready`));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(exited);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s`);
    await sleep(200);
  }
  console.log(`${name}: ready at ${url} (pid ${child.pid})`);
  return { name, url, child };
}

/** SIGTERM each child still running, SIGKILL after 5 s. */
export async function stopChildren(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs a benchmark's `main`, then its `cleanup` once, whether main ends, fails (exit code 1) or the
 * run is interrupted (SIGINT or SIGTERM: exit code 130).
 */
export function runBenchmark(name: string, main: () => Promise<void>, cleanup: () => Promise<void>): void {
  let cleaning: Promise<void> | null = null;
  const cleanupOnce = (): Promise<void> => (cleaning ??= cleanup());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping`);
      void cleanupOnce().finally(() => process.exit(130));
    });
  }
  main()
    .catch((e: unknown) => {
      console.error(`${name} failed: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = 1;
    })
    .finally(() => cleanupOnce());
}
