import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/build.mjs (`npm run build`, the first step of `npm start`) on a small project of the same
// shape: it must skip tsc only when nothing the build reads changed, and never mark a failed build.
const ROOT = join(__dirname, '..', '..');
const BUILD = join(ROOT, 'scripts', 'build.mjs');

describe('npm run build (scripts/build.mjs)', () => {
  let dir: string;

  function build(...args: string[]): { status: number | null; output: string } {
    const run = spawnSync(process.execPath, [BUILD, ...args], { cwd: dir, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }
  const write = (file: string, text: string): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const output = (file: string): string => readFileSync(join(dir, 'dist', file), 'utf8');
  const stamped = (): boolean => existsSync(join(dir, 'dist', '.build-stamp'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-build-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    write('package.json', '{ "name": "tiny", "private": true }\n');
    write('tsconfig.build.json', JSON.stringify({ compilerOptions: { module: 'node20', target: 'ES2023', strict: true, types: [], outDir: './dist', rootDir: '.', incremental: true, tsBuildInfoFile: './dist/.tsbuildinfo' }, include: ['apps', 'scripts'] }));
    write('apps/api/main.ts', "export const answer: number = 41;\n");
    write('scripts/start.ts', "import { answer } from '../apps/api/main';\nexport const started = answer;\n");
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles the first time, then does nothing until something changes', () => {
    expect(build()).toMatchObject({ status: 0, output: expect.stringContaining('no finished build yet') });
    expect(output('apps/api/main.js')).toContain('answer = 41');
    expect(stamped()).toBe(true);
    const builtAt = statSync(join(dir, 'dist/apps/api/main.js')).mtimeMs;

    expect(build()).toEqual({ status: 0, output: 'build: dist/ is up to date with the sources\n' });
    expect(statSync(join(dir, 'dist/apps/api/main.js')).mtimeMs).toBe(builtAt);
  });

  it('compiles again when a source changes, whatever its modification time', () => {
    expect(build().status).toBe(0);
    const before = statSync(join(dir, 'apps/api/main.ts'));
    write('apps/api/main.ts', "export const answer: number = 42;\n");
    // Same mtime as before (a copy that kept times, a checkout within the same second).
    utimesSync(join(dir, 'apps/api/main.ts'), before.atime, before.mtime);
    expect(build()).toMatchObject({ status: 0, output: expect.stringContaining('changed since the last build') });
    expect(output('apps/api/main.js')).toContain('answer = 42');
  });

  it('compiles again when package.json or a tsconfig changes, or an output went missing', () => {
    expect(build().status).toBe(0);
    write('package.json', '{ "name": "tiny", "private": true, "imports": {} }\n');
    expect(build().output).toContain('compiling');
    expect(build().output).toContain('up to date');

    write('tsconfig.build.json', readFileSync(join(dir, 'tsconfig.build.json'), 'utf8').replace('"strict":true', '"strict":true,"removeComments":true'));
    expect(build().output).toContain('compiling');

    unlinkSync(join(dir, 'dist/scripts/start.js'));
    expect(build()).toMatchObject({ status: 0, output: expect.stringContaining('compiling') });
    expect(output('scripts/start.js')).toContain('started');
  });

  it('leaves no stamp when tsc fails, so the next start compiles again', () => {
    expect(build().status).toBe(0);
    write('apps/api/main.ts', "export const answer: number = 'forty-two';\n");
    const failed = build();
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain("Type 'string' is not assignable to type 'number'");
    expect(stamped()).toBe(false);
    // Even with the error fixed back to the sources of the last good build, it compiles (dist/ was rewritten).
    write('apps/api/main.ts', "export const answer: number = 41;\n");
    expect(build()).toMatchObject({ status: 0, output: expect.stringContaining('no finished build yet') });
    expect(output('apps/api/main.js')).toContain('answer = 41');
  });
});
