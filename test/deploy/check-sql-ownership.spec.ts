import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/check-sql-ownership.mjs (part of `npm run check`) on a small tree of two modules: people owns
// `people`, organizations owns `organizations` and `teams`; each table's owner is read from its entity.
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'check-sql-ownership.mjs');

describe("npm run check: a module's SQL names only its own tables", () => {
  let dir: string;
  const write = (file: string, text: string): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const check = () => spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8' });
  const PEOPLE_REPOSITORY = 'libs/domain/src/people/people.repository.ts';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-sql-ownership-'));
    mkdirSync(join(dir, 'apps/api/src'), { recursive: true });
    mkdirSync(join(dir, 'apps/worker/src'), { recursive: true });
    write('libs/domain/src/people/person.entity.ts', "@Entity('people')\n@Index(['userId', 'nameFolded'])\n// a comment\nexport class Person {}\n");
    write('libs/domain/src/organizations/organization.entity.ts', "@Entity('organizations')\nexport class Organization {}\n");
    write('libs/domain/src/organizations/team.entity.ts', "@Entity('teams')\nexport class Team {}\n");
    write(
      'libs/domain/src/organizations/organizations.repository.ts',
      "export class OrganizationsRepository {\n  names(ids: string[]) { return this.dataSource.query('SELECT o.id, o.name, t.name FROM organizations o LEFT JOIN teams t ON t.organization_id = o.id WHERE o.id = ANY($1)', [ids]); }\n}\n",
    );
    write(
      PEOPLE_REPOSITORY,
      "// Display names come from organizations (joined from people by the service), not from here.\nexport class PeopleRepository {\n  find(id: string) { return this.dataSource.query('SELECT p.* FROM people p WHERE p.id = $1', [id]); }\n  one(id: string) { return this.dataSource.manager.findOneBy(Person, { id }); }\n}\n",
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes when each repository names its own tables only, whatever its comments say', () => {
    expect(check()).toMatchObject({ status: 0, stderr: '' });
  });

  it("fails when a repository's SQL joins another module's table, naming the table and its owner", () => {
    write(PEOPLE_REPOSITORY, "export class PeopleRepository {\n  find(id: string) { return this.dataSource.query(`SELECT p.*, o.name FROM people p\n    LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.id = $1`, [id]); }\n}\n");
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${PEOPLE_REPOSITORY}: its SQL names organizations (owned by organizations); read through the owner's service`);
  });

  it("fails when a module writes another module's table, or hands its entity class to TypeORM", () => {
    write('libs/domain/src/people/repository/people.read-model.ts', "export const touch = (em) => em.query('UPDATE teams SET name = $1', ['x']);\n");
    write('libs/domain/src/people/people.repository.ts', 'export class PeopleRepository {\n  team(id: string) { return this.dataSource.manager.findOneBy(Team, { id }); }\n}\n');
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('libs/domain/src/people/repository/people.read-model.ts: its SQL names teams (owned by organizations)');
    expect(run.stderr).toContain(`${PEOPLE_REPOSITORY}: its SQL names teams (owned by organizations)`);
  });

  it('accepts a known violation, and fails once it is fixed until its entry is removed (the list only shrinks)', () => {
    write(PEOPLE_REPOSITORY, "export class PeopleRepository {\n  find() { return this.dataSource.query('SELECT * FROM people p JOIN teams t ON t.id = p.team_id'); }\n}\n");
    write('.sql-ownership-known-violations.json', JSON.stringify({ [PEOPLE_REPOSITORY]: ['teams'] }));
    expect(check()).toMatchObject({ status: 0 });

    write(PEOPLE_REPOSITORY, "export class PeopleRepository {\n  find() { return this.dataSource.query('SELECT * FROM people p'); }\n}\n");
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${PEOPLE_REPOSITORY}: no longer names teams; remove it from .sql-ownership-known-violations.json`);

    // `npm run sql:shrink` drops the fixed entry and adds none, even for a new violation.
    write('libs/domain/src/people/repository/people.read-model.ts', "export const teams = (em) => em.query('SELECT * FROM teams');\n");
    const shrink = spawnSync(process.execPath, [SCRIPT, '--shrink'], { cwd: dir, encoding: 'utf8' });
    expect(shrink.status).toBe(1);
    expect(shrink.stderr).toContain('libs/domain/src/people/repository/people.read-model.ts: its SQL names teams (owned by organizations)');
    expect(shrink.stderr).not.toContain('no longer names');
    expect(JSON.parse(readFileSync(join(dir, '.sql-ownership-known-violations.json'), 'utf8'))).toEqual({});
  });
});
