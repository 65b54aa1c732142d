import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Every record belongs to its user. This walks every route in the OpenAPI document that takes an id
 * and calls it as another user with the owner's ids: each must answer 404 and change nothing.
 * A new route with a path id fails here until it has a sample below, so none is forgotten.
 */

type Ids = Record<string, string>;
// Valid bodies, so that validation passes and only ownership decides the answer.
const SAMPLE_BODIES: Record<string, (ids: Ids) => object | undefined> = {
  'PATCH /people/{id}': () => ({ headline: 'changed by a stranger' }),
  'POST /people/{id}/merge': (ids) => ({ otherId: ids.otherPersonId, dryRun: false }),
  'PATCH /organizations/{id}': () => ({ researchNotes: 'changed by a stranger' }),
  'POST /organizations/{id}/teams': () => ({ name: 'Stranger team' }),
  'PATCH /organizations/{id}/teams/{teamId}': () => ({ name: 'Renamed by a stranger' }),
  'POST /people/{personId}/interactions': () => ({ type: 'message', occurredAt: '2026-01-01T10:00:00Z', summary: 'written by a stranger' }),
  'PATCH /interactions/{id}': () => ({ summary: 'changed by a stranger' }),
  'PUT /people/{id}/follow-up': () => ({ nextFollowUpAt: '2027-01-01', cadenceDays: 10 }),
  'POST /people/{id}/follow-up/done': () => ({ summary: 'done by a stranger' }),
};
const NO_BODY = new Set(['GET', 'DELETE']);

describe('ownership: another user gets 404 for every record on every route', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let ids: Ids;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    owner = await registerUser(t);
    stranger = await registerUser(t);
    ids = await seedOwnerRecords(t, owner);
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(() => t.close());

  it('covers the routes that take ids', () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
  });

  it('answers 404 and changes nothing', async () => {
    const before = await snapshot(t, owner.id);
    const failures: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const id = ids[paramKey(path, name)];
        if (!id) failures.push(`${key}: no owner record for {${name}}`);
        return id ?? 'missing';
      });
      const sample = SAMPLE_BODIES[key];
      if (!sample && !NO_BODY.has(method) && !isBodyless(key)) {
        failures.push(`${key}: add a valid sample body to SAMPLE_BODIES`);
        continue;
      }
      const req = t.http()[method.toLowerCase() as 'get'](url).set(stranger.auth);
      const res = await (sample ? req.send(sample(ids)) : req);
      if (res.status !== 404) failures.push(`${key} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t, owner.id)).toEqual(before);
    // And the owner still reaches everything.
    await t.http().get(`/people/${ids.personId}`).set(owner.auth).expect(200);
  });

  it('never lists another user’s records', async () => {
    const people = (await t.http().get('/people?deleted=include').set(stranger.auth).expect(200)).body;
    expect(people.total).toBe(0);
    expect((await t.http().get('/people/duplicates').set(stranger.auth).expect(200)).body).toEqual([]);
    expect((await t.http().get('/tokens').set(stranger.auth).expect(200)).body).toEqual([]);
    expect((await t.http().get('/imports').set(stranger.auth).expect(200)).body).toEqual([]);
    const exported = (await t.http().get('/export').set(stranger.auth).expect(200)).body;
    expect([exported.people, exported.organizations, exported.interactions]).toEqual([[], [], []]);
  });
});

/** Which owner record a path parameter names. */
function paramKey(path: string, name: string): string {
  if (name !== 'id') return name;
  const resource = path.split('/')[1];
  return ({ people: 'personId', organizations: 'organizationId', interactions: 'interactionId', tokens: 'tokenId', imports: 'importId' } as Record<string, string>)[resource] ?? `${resource}Id`;
}

function isBodyless(key: string): boolean {
  return ['POST /people/{id}/restore', 'POST /people/{id}/erase'].includes(key);
}

async function seedOwnerRecords(t: TestApp, owner: TestUser): Promise<Ids> {
  const [org] = await t.db.query("INSERT INTO organizations (user_id, name, name_folded) VALUES ($1, 'Owner Lab', 'owner lab') RETURNING id", [owner.id]);
  const [team] = await t.db.query("INSERT INTO teams (user_id, organization_id, name, name_folded) VALUES ($1, $2, 'Core', 'core') RETURNING id", [owner.id, org.id]);
  const person = (await t.http().post('/people').set(owner.auth).send({ fullName: 'Owned Person', organizationId: org.id, teamId: team.id }).expect(201)).body;
  const other = (await t.http().post('/people').set(owner.auth).send({ fullName: 'Other Owned Person' }).expect(201)).body;
  const [interaction] = await t.db.query("INSERT INTO interactions (user_id, person_id, type, occurred_at, summary) VALUES ($1, $2, 'call', now(), 'owned') RETURNING id", [owner.id, person.id]);
  const token = (await t.http().post('/tokens').set(owner.auth).send({ name: 'owned token' }).expect(201)).body;
  const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nOwned,Import,https://www.linkedin.com/in/owned-import,,,,01 Jan 2025\n';
  const run = (await t.http().post('/imports/linkedin').set(owner.auth).set('content-type', 'text/csv').send(csv).expect(201)).body;
  return { personId: person.id, otherPersonId: other.id, organizationId: org.id, teamId: team.id, interactionId: interaction.id, tokenId: token.id, importId: run.id };
}

async function snapshot(t: TestApp, userId: string): Promise<unknown> {
  const rows = async (sql: string): Promise<unknown[]> => t.db.query(sql, [userId]);
  return {
    people: await rows('SELECT * FROM people WHERE user_id = $1 ORDER BY id'),
    organizations: await rows('SELECT * FROM organizations WHERE user_id = $1 ORDER BY id'),
    teams: await rows('SELECT * FROM teams WHERE user_id = $1 ORDER BY id'),
    interactions: await rows('SELECT * FROM interactions WHERE user_id = $1 ORDER BY id'),
    tokens: await rows('SELECT id, revoked_at FROM access_tokens WHERE user_id = $1 ORDER BY id'),
  };
}
