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
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'request.too-large', message: 'The uploaded file is larger than the server accepts', requestId: expect.any(String) });
    expect((await t.http().get('/imports').set(other.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/people').set(other.auth).expect(200)).body.total).toBe(0);
  });

  it('reads forms on the upload routes only: elsewhere a form is 415, as before, and writes nothing', async () => {
    const other = await registerUser(t);
    const refused = await t.http().post('/people').set(other.auth).field('fullName', 'Ada Lovelace').expect(415);
    expect(refused.body).toMatchObject({ statusCode: 415, code: 'request.unsupported-media-type', requestId: expect.any(String) });
    expect((await t.http().get('/people').set(other.auth).expect(200)).body.total).toBe(0);
  });

  it('imports a Dossier export uploaded as a .json file, checked as the JSON body is, into an empty account only', async () => {
    const source = await registerUser(t);
    await t.http().post('/people').set(source.auth).send({ fullName: 'Ada Lovelace', tags: ['maths'] }).expect(201);
    await t.http().post('/people').set(source.auth).send({ fullName: 'Alan Turing' }).expect(201);
    const exported = (await t.http().get('/export').set(source.auth).expect(200)).text;
    const target = await registerUser(t);
    const upload = (doc: string | Buffer, who = target) => t.http().post('/imports/dossier').set(who.auth).attach('file', Buffer.from(doc), { filename: 'dossier-export.json', contentType: 'application/json' });

    // Not JSON, or JSON that is not an export: 400 naming what is wrong, and nothing imported.
    const notJson = await upload('First Name,Last Name\nAda,Lovelace\n').expect(400);
    expect(notJson.body).toMatchObject({ code: 'import.unreadable', message: 'The file is not valid JSON', details: [{ field: 'file', problem: 'must be a JSON document' }] });
    const malformed = await upload(JSON.stringify({ ...JSON.parse(exported), people: [{ id: 'nope' }] })).expect(400);
    expect(malformed.body.details).toEqual(expect.arrayContaining([{ field: 'people.0.id', problem: 'must be a UUID' }]));
    const missing = await t.http().post('/imports/dossier').set(target.auth).field('name', 'export.json').expect(400);
    expect(missing.body.code).toBe('request.file-missing');
    expect((await t.http().get('/imports').set(target.auth).expect(200)).body.total).toBe(0);

    // The file as GET /export wrote it (a byte-order mark in front, as some editors save it, is no problem).
    const imported = await upload(Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(exported)])).expect(201);
    expect(imported.body).toMatchObject({ format: 'dossier-json', status: 'completed', report: { skipped: 0 } });
    const people = (await t.http().get('/people?sort=name').set(target.auth).expect(200)).body.items;
    expect(people.map((p: { fullName: string; tags: string[] }) => [p.fullName, p.tags])).toEqual([['Ada Lovelace', ['maths']], ['Alan Turing', []]]);

    // Into an account that is no longer empty: refused, as the JSON body is.
    const again = await upload(exported).expect(409);
    expect(again.body.message).toMatch(/empty/i);
    await t.http().post('/imports/dossier').set(target.auth).send(JSON.parse(exported)).expect(409);
    // The raw JSON body still works, and a JSON body shaped like a form is a document with an unknown field.
    const third = await registerUser(t);
    await t.http().post('/imports/dossier').set(third.auth).send({ file: exported }).expect(400);
    await t.http().post('/imports/dossier').set(third.auth).send(JSON.parse(exported)).expect(201);
  });
});
