import { createTestApp, registerUser, TestApp } from '../support/test-app';

/** Phone numbers: kept from vCards, edited on people, written back to vCards. */
describe('phone numbers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const card = (lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');

  it('keeps the phone numbers of an imported vCard, says which it could not read, and writes them back', async () => {
    const u = await registerUser(t);
    const vcf = card(['VERSION:3.0', 'FN:Hypatia of Alexandria', 'EMAIL:hypatia@example.org', 'TEL;TYPE=CELL:+20 3 000 0000', 'TEL;TYPE=WORK:(03) 555-0100 ext. 7', 'TEL:call me maybe']);
    const res = await t.http().post('/imports/vcard').set(u.auth).set('content-type', 'text/vcard').send(vcf).expect(201);
    expect(res.body.report).toMatchObject({ created: 1 });
    expect(res.body.report.warnings).toEqual([expect.objectContaining({ problem: '"call me maybe" is not a phone number; left out' })]);
    const [person] = (await t.http().get('/people').set(u.auth).expect(200)).body.items;
    expect(person.phones).toEqual(['+20 3 000 0000', '(03) 555-0100 ext. 7']);

    // A 4.0 card with the same number spaced otherwise (a tel: URI) adds only the new one.
    const again = card(['VERSION:4.0', 'FN:Hypatia of Alexandria', 'EMAIL:hypatia@example.org', 'TEL;VALUE=uri:tel:+20-3-000-0000', 'TEL;VALUE=uri:tel:+20-3-111-1111']);
    expect((await t.http().post('/imports/vcard').set(u.auth).set('content-type', 'text/vcard').send(again).expect(201)).body.report).toMatchObject({ created: 0, updated: 1 });
    expect((await t.http().get(`/people/${person.id}`).set(u.auth).expect(200)).body.phones).toEqual(['+20 3 000 0000', '(03) 555-0100 ext. 7', '+20-3-111-1111']);

    for (const version of ['3.0', '4.0']) {
      const exported = (await t.http().get(`/export/vcard?version=${version}`).set(u.auth).expect(200)).text;
      expect(exported).toMatch(/\r\nTEL(;VALUE=TEXT)?:\+20 3 000 0000\r\n/);
      expect(exported).toContain('(03) 555-0100 ext. 7');
    }
  });

  it('validates phone numbers on people, naming the bad one, and drops repeats', async () => {
    const u = await registerUser(t);
    const bad = await t.http().post('/people').set(u.auth).send({ fullName: 'Ada', phones: ['+44 20 7946 0018', 'not a number'] }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'phones.1', problem: expect.stringContaining('is not a phone number') }]);
    const ada = (await t.http().post('/people').set(u.auth).send({ fullName: 'Ada', phones: ['+44 20 7946 0018', ' +44 (20) 7946-0018 ', 'tel:+1 555 0100'] }).expect(201)).body;
    expect(ada.phones).toEqual(['+44 20 7946 0018', '+1 555 0100']);
    expect((await t.http().patch(`/people/${ada.id}`).set(u.auth).send({ phones: [] }).expect(200)).body.phones).toEqual([]);
  });
});
