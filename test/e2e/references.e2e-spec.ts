import type { INestApplicationContext } from '@nestjs/common';
import { OrganizationReferences } from '#domain/organizations/index';
import { PersonReferences } from '#domain/people/index';
import { createTestApp, registerUser, TestApp } from '../support/test-app';

/**
 * A merge or an erasure of a person, and a merge of organizations, move or remove the rows of other
 * modules only through what those modules register when the app starts: a module missing from an app
 * would leave its rows behind, silently (or a foreign key's cascade would drop what a merge should
 * have kept). So every foreign key column that points at a person, an organization or a team, read
 * from PostgreSQL's catalog, must be registered in both apps, whichever modules they import.
 */
describe('references: every column that points at a person, an organization or a team is registered', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
  });
  afterAll(() => t.close());

  /** `table.column` of every foreign key column to `target`'s id, but the ones of `ownTables` (the target module's own). */
  const foreignKeyColumns = async (target: string, ownTables: string[]): Promise<string[]> => {
    const rows = (await t.db.query(
      `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = $1::regclass AND NOT (c.conrelid::regclass::text = ANY ($2))
        ORDER BY 1, 2`,
      [target, ownTables],
    )) as { table: string; column: string }[];
    return rows.map((r) => `${r.table}.${r.column}`);
  };
  const registered = (references: readonly { table: string; column: string }[]) => references.map((r) => `${r.table}.${r.column}`);
  const apps = (): [string, INestApplicationContext][] => [
    ['api', t.app],
    ['worker', t.worker!],
  ];

  it('registers every foreign key to people(id), in the API and in the worker', async () => {
    const columns = await foreignKeyColumns('people', ['people']);
    // The catalog is read, not guessed: the list is the schema's.
    expect(columns).toContain('interactions.person_id');
    for (const [name, app] of apps()) {
      const references = app.get(PersonReferences, { strict: false }).list();
      expect({ app: name, missing: columns.filter((c) => !registered(references).includes(c)) }).toEqual({ app: name, missing: [] });
      // One label per column: a merge preview and an erasure count each kind once.
      expect(new Set(references.map((r) => r.label)).size).toBe(references.length);
    }
  });

  it('registers every foreign key to organizations(id) and teams(id), in the API and in the worker', async () => {
    const toOrganizations = await foreignKeyColumns('organizations', ['organizations', 'teams']);
    const toTeams = await foreignKeyColumns('teams', ['organizations', 'teams']);
    expect(toOrganizations).toContain('applications.organization_id');
    expect(toOrganizations).toContain('practice_questions.organization_id');
    expect(toTeams).toContain('people.team_id');
    for (const [name, app] of apps()) {
      const references = app.get(OrganizationReferences, { strict: false });
      expect({ app: name, missing: toOrganizations.filter((c) => !registered(references.organizationReferences()).includes(c)) }).toEqual({ app: name, missing: [] });
      expect({ app: name, missing: toTeams.filter((c) => !registered(references.teamReferences()).includes(c)) }).toEqual({ app: name, missing: [] });
    }
  });

  it("moves a merged organization's mock interviews and bank questions to the survivor, so its practice still counts for it", async () => {
    const user = await registerUser(t);
    const post = async (path: string, body: object, status = 201) => (await t.http().post(path).set(user.auth).send(body).expect(status)).body;
    const survivor = await post('/organizations', { name: 'DeepMind' });
    const other = await post('/organizations', { name: 'Google DeepMind' });
    const friend = await post('/people', { fullName: 'Ada Mock' });
    const question = await post('/questions', { text: 'Why this lab?', organizationId: other.id });
    const mock = await post('/mock-interviews', { personId: friend.id, stageType: 'coding', organizationId: other.id, heldAt: '2027-01-05T18:00:00Z' });

    const preview = await post(`/organizations/${survivor.id}/merge`, { otherId: other.id }, 200);
    expect(preview.moved).toMatchObject({ mockInterviews: 1, practiceQuestions: 1 });
    await post(`/organizations/${survivor.id}/merge`, { otherId: other.id, dryRun: false }, 200);

    expect((await t.http().get(`/questions/${question.id}`).set(user.auth).expect(200)).body.organizationId).toBe(survivor.id);
    expect((await t.http().get(`/mock-interviews/${mock.id}`).set(user.auth).expect(200)).body.organizationId).toBe(survivor.id);
    const asked = (await t.http().get(`/questions?organizationId=${survivor.id}`).set(user.auth).expect(200)).body.items as { id: string }[];
    expect(asked.map((q) => q.id)).toContain(question.id);
  });
});
