import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures/imports', name), 'utf8');
const LIMIT = 64 * 1024;

/** A browser uploads a file as a form (multipart/form-data); scripts send it raw. Both import the same. */
describe('imports from a browser form', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ queue: 'postgres', env: { BODY_LIMIT_BYTES: String(LIMIT) } });
    user = await registerUser(t);
  });
  afterAll(() => t.close());

  it('imports Connections.csv uploaded in the file field as the raw body imports it', async () => {
    const csv = fixture('linkedin-connections.csv');
    const form = await t.http().post('/imports/linkedin').set(user.auth).attach('file', Buffer.from(csv), { filename: 'Connections.csv', contentType: 'text/csv' }).expect(201);
    expect(form.body).toMatchObject({ format: 'linkedin-csv', status: 'completed' });
    expect(form.body.report.created).toBeGreaterThanOrEqual(6);
    const people = (await t.http().get('/people?limit=200').set(user.auth).expect(200)).body;
    expect(people.total).toBe(form.body.report.created);
    expect(people.items.map((p: { fullName: string }) => p.fullName)).toContain('Émilie du Châtelet');
    // The same file raw finds everyone already there: the form's text was read whole, accents included.
    const raw = await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send(csv).expect(201);
    expect(raw.body.report).toMatchObject({ created: 0, updated: 0 });
    expect((await t.http().get('/imports').set(user.auth).expect(200)).body.total).toBe(2);
  });

  it('imports a vCard file from a form with other fields beside it', async () => {
    const other = await registerUser(t);
    const res = await t.http().post('/imports/vcard').set(other.auth).field('note', 'from my phone').attach('file', Buffer.from(fixture('contacts-v4.vcf')), { filename: 'contacts.vcf', contentType: 'text/vcard' }).expect(201);
    expect(res.body.report.created).toBeGreaterThan(0);
    expect((await t.http().get('/people').set(other.auth).expect(200)).body.total).toBe(res.body.report.created);
  });

  it('names the missing file field, refuses a file over the body limit, and imports nothing', async () => {
    const other = await registerUser(t);
    const missing = await t.http().post('/imports/linkedin').set(other.auth).field('name', 'Connections.csv').expect(400);
    expect(missing.body).toMatchObject({ statusCode: 400, code: 'request.file-missing', details: [{ field: 'file', problem: expect.stringContaining('is required') }], requestId: expect.any(String) });
    const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
    const big = header + 'Ada,Lovelace,,ada@example.org,Analytical Engines,Research Scientist,01 Jan 2024\n'.repeat(Math.ceil((LIMIT + 1024) / 80));
    const tooLarge = await t.http().post('/imports/linkedin').set(other.auth).attach('file', Buffer.from(big), { filename: 'Connections.csv', contentType: 'text/csv' }).expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', requestId: expect.any(String) });
    expect((await t.http().get('/imports').set(other.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/people').set(other.auth).expect(200)).body.total).toBe(0);
  });

  it('reads forms on the upload routes only: elsewhere a form is 415, as before, and writes nothing', async () => {
    const other = await registerUser(t);
    const refused = await t.http().post('/people').set(other.auth).field('fullName', 'Ada Lovelace').expect(415);
    expect(refused.body).toMatchObject({ statusCode: 415, code: 'request.unsupported-media-type', requestId: expect.any(String) });
    await t.http().post('/imports/dossier').set(other.auth).attach('file', Buffer.from('{}'), { filename: 'export.json', contentType: 'application/json' }).expect(415);
    expect((await t.http().get('/people').set(other.auth).expect(200)).body.total).toBe(0);
  });
});
