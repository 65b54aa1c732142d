import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/check-web-imports.mjs (part of `npm run check`) on a small dashboard tree: shared → features → app.
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'check-web-imports.mjs');

describe("npm run check: the dashboard's import boundaries", () => {
  let dir: string;
  const write = (file: string, text: string): void => {
    mkdirSync(join(dir, 'apps/web/src', file, '..'), { recursive: true });
    writeFileSync(join(dir, 'apps/web/src', file), text);
  };
  const check = () => spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-web-imports-'));
    write('lib/api/client.ts', "export const api = {};\n");
    write('components/status.tsx', "import { api } from '../lib/api/client';\nexport const Loading = api;\n");
    write('features/people/api/people.ts', "import { api } from '@/lib/api/client';\nexport const people = api;\n");
    write('features/people/index.ts', "export { people } from './api/people';\n");
    write('features/today/index.ts', "import { Loading } from '@/components/status';\nexport const today = Loading;\n");
    write('app/router.tsx', "import { people } from '@/features/people';\nimport { today } from '../features/today';\nexport const routes = [people, today];\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes when shared code, features and the app import one way', () => {
    expect(check()).toMatchObject({ status: 0 });
  });

  it('fails when a feature imports another, by alias or by a relative path', () => {
    write('features/today/index.ts', "import { people } from '@/features/people';\nexport const today = people;\n");
    write('features/people/components/list.tsx', "export { today } from '../../today';\n");
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('features/today/index.ts: imports @/features/people (feature:today may not import feature:people)');
    expect(run.stderr).toContain('features/people/components/list.tsx: imports ../../today (feature:people may not import feature:today)');
  });

  it('fails when shared code imports a feature or the app', () => {
    write('lib/format.ts', "import { routes } from '../app/router';\nexport const f = routes;\n");
    write('components/pager.tsx', "import('@/features/people');\n");
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('lib/format.ts: imports ../app/router (shared may not import app)');
    expect(run.stderr).toContain('components/pager.tsx: imports @/features/people (shared may not import feature:people)');
  });
});
