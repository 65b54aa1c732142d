import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures/imports', name), 'utf8');

describe('imports and exports (inline)', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
  });
  afterAll(() => t.close());

  it('imports LinkedIn Connections.csv as LinkedIn writes it, and a second import creates no duplicates', async () => {
    const csv = fixture('linkedin-connections.csv');
    const first = await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send(csv).expect(201);
    expect(first.body.status).toBe('completed');
    const report = first.body.report;
    expect(report.created).toBeGreaterThanOrEqual(6);
    expect(report.skips.length).toBe(report.skipped);
    for (const skip of report.skips) expect(skip).toEqual({ line: expect.any(Number), reason: expect.any(String) });

    const people = (await t.http().get('/people?limit=200').set(user.auth).expect(200)).body;
    expect(people.total).toBe(report.created);
    const emilie = people.items.find((p: { fullName: string }) => p.fullName === 'Émilie du Châtelet');
    expect(emilie).toMatchObject({ emails: ['emilie@example.org'], links: { linkedin: 'https://www.linkedin.com/in/emilie-du-chatelet' }, headline: 'Principal Scientist', organization: { name: 'Cirey Physics, Optics & Fire' } });
    expect((await t.http().get('/people?q=emilie du chatelet').set(user.auth)).body.total).toBe(1);

    const again = await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send(csv).expect(201);
    expect(again.body.report).toMatchObject({ created: 0, updated: 0 });
    expect(again.body.report.skipped).toBe(report.created + report.skipped);
    expect(again.body.report.skips.filter((s: { reason: string }) => s.reason.startsWith('already up to date'))).toHaveLength(report.created);
    expect((await t.http().get('/people').set(user.auth)).body.total).toBe(report.created);
  });

  it('imports vCard 3.0 and 4.0 and exports vCards that an independent parser reads back', async () => {
    const other = await registerUser(t);
    for (const file of ['contacts-v3.vcf', 'contacts-v4.vcf']) {
      const res = await t.http().post('/imports/vcard').set(other.auth).set('content-type', 'text/vcard').send(fixture(file)).expect(201);
      expect(res.body.report.created + res.body.report.updated).toBeGreaterThan(0);
    }
    const people = (await t.http().get('/people?limit=200').set(other.auth)).body.items as { fullName: string; emails: string[] }[];
    const exported = await t.http().get('/export/vcard?version=4.0').set(other.auth).expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/vcard/);
    const cards = ICAL.parse(exported.text) as unknown[];
    const list = (Array.isArray(cards[0]) ? cards : [cards]) as unknown[][];
    const names = list.map((c) => new ICAL.Component(c as never).getFirstPropertyValue('fn'));
    expect(names.sort()).toEqual(people.map((p) => p.fullName).sort());

    // Re-importing our own export matches every card by its UID: nothing new.
    const back = await t.http().post('/imports/vcard').set(other.auth).set('content-type', 'text/vcard').send(exported.text).expect(201);
    expect(back.body.report.created).toBe(0);
    expect((await t.http().get('/people').set(other.auth)).body.total).toBe(people.length);
  });

  it('refuses a file with nothing to import, naming why', async () => {
    const res = await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send('just,some\nrandom,csv\n').expect(400);
    expect(res.body.code).toBe('import.unreadable');
    expect(res.body.message).toMatch(/Nothing to import/);
    const json = await t.http().post('/imports/vcard').set(user.auth).send({ not: 'a file' }).expect(400);
    expect(json.body.details).toEqual([{ field: 'body', problem: expect.stringContaining('text/vcard') }]);
  });

  it('round-trips a whole account through the JSON export without losing anything', async () => {
    const source = await registerUser(t);
    const org = await t.db.query("INSERT INTO organizations (user_id, name, name_folded, research_notes, tags) VALUES ($1, 'Ünïversal Lab', 'universal lab', 'mission: AGI safely', '{lab}') RETURNING id", [source.id]);
    const team = await t.db.query("INSERT INTO teams (user_id, organization_id, name, name_folded) VALUES ($1, $2, 'Core', 'core') RETURNING id", [source.id, org[0].id]);
    const ada = await t.http().post('/people').set(source.auth).send({ fullName: 'Ada Łovelace', organizationId: org[0].id, teamId: team[0].id, emails: ['ada@example.org'], links: { orcid: '0000-0002-1825-0097' }, tags: ['math'], relationshipStage: 'engaged', nextFollowUpAt: '2026-12-01', followUpCadenceDays: 30, notes: 'Met at NeurIPS' }).expect(201);
    const gone = await t.http().post('/people').set(source.auth).send({ fullName: 'Deleted Person' }).expect(201);
    await t.http().delete(`/people/${gone.body.id}`).set(source.auth).expect(204);
    await t.db.query("INSERT INTO interactions (user_id, person_id, type, occurred_at, summary, offered) VALUES ($1, $2, 'conference_chat', '2025-12-10T15:00:00Z', 'Poster chat about RL', 'sent my notes')", [source.id, ada.body.id]);

    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported).toMatchObject({ format: 'dossier-export', version: 1 });
    expect(exported.people).toHaveLength(2);

    const target = await registerUser(t);
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    expect(imported.body.report).toMatchObject({ created: 5, skipped: 0 });
    const reexported = (await t.http().get('/export').set(target.auth).expect(200)).body;
    expect(withoutIds(reexported)).toEqual(withoutIds(exported));

    // Only into an empty account.
    const twice = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(409);
    expect(twice.body.code).toBe('import.account-not-empty');
  });

  it('names the bad field of a malformed export document', async () => {
    const target = await registerUser(t);
    const doc = { format: 'dossier-export', version: 1, account: { displayName: 'x', timeZone: 'UTC' }, organizations: [], interactions: [], people: [{ id: 'nope' }] };
    const res = await t.http().post('/imports/dossier').set(target.auth).send(doc).expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'people.0.id', problem: 'must be a UUID' }, { field: 'people.0.fullName', problem: 'must be a string' }]));
    const future = await t.http().post('/imports/dossier').set(target.auth).send({ ...doc, people: [], version: 2 }).expect(400);
    expect(future.body.details[0].field).toBe('version');
  });
});

describe.each<QueueBackend>(['redis', 'postgres'])('large imports run as a BullMQ job on %s', (queue) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ queue, worker: true, env: { IMPORT_INLINE_MAX_ROWS: '5' } });
  });
  afterAll(() => t.close());

  it('answers 202, reports progress, and ends with the report', async () => {
    const user = await registerUser(t);
    const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
    const rows = Array.from({ length: 120 }, (_, i) => `Person${i},Ñúñez${i},https://www.linkedin.com/in/person-${i},p${i}@example.org,Lab ${i % 7},Engineer,01 Mar 2025`);
    const res = await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send([header, ...rows].join('\n')).expect(202);
    expect(res.headers.location).toBe(`/imports/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'queued', progress: { processed: 0, total: 120, percent: 0 }, report: null });

    const done = await waitFor(async () => {
      const run = (await t.http().get(`/imports/${res.body.id}`).set(user.auth).expect(200)).body;
      return run.status === 'completed' || run.status === 'failed' ? run : undefined;
    });
    expect(done).toMatchObject({ status: 'completed', progress: { processed: 120, total: 120, percent: 100 }, report: { created: 120, updated: 0, skipped: 0 } });
    expect((await t.http().get('/people?q=nunez1').set(user.auth)).body.total).toBe(31); // nunez1, nunez10..19, nunez100..119
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM organizations WHERE user_id = $1', [user.id]);
    expect(count).toBe(7);
    const [{ payload }] = await t.db.query('SELECT payload FROM import_runs WHERE id = $1', [res.body.id]);
    expect(payload).toBeNull();
  });
});

/** Replaces every id by its order of first appearance, so two exports compare by content and shape. */
function withoutIds(doc: Record<string, unknown>): unknown {
  const seen = new Map<string, string>();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && uuid.test(v)) {
      if (!seen.has(v)) seen.set(v, `id#${seen.size}`);
      return seen.get(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'exportedAt').map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(doc);
}
