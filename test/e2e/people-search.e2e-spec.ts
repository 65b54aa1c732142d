import { RefoldNamesWithoutApostrophes1796626310745 } from '../../migrations/1796626310745-refold-names-without-apostrophes';
import { createTestApp, registerUser, TestApp } from '../support/test-app';

/** A search finds a name however its apostrophe is typed, or without one. */
describe('people search by names with apostrophes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finds O’Connor by "oconnor", "O\'Connor" and "o’connor", and an organization the same way', async () => {
    const u = await registerUser(t);
    const org = (await t.http().post('/organizations').set(u.auth).send({ name: "Rock 'n' Roll Lab" }).expect(201)).body;
    const siobhan = (await t.http().post('/people').set(u.auth).send({ fullName: 'Siobhán O’Connor' }).expect(201)).body;
    const dara = (await t.http().post('/people').set(u.auth).send({ fullName: "Dara O'Brien", organizationId: org.id }).expect(201)).body;
    await t.http().post('/people').set(u.auth).send({ fullName: 'Connor Smith' }).expect(201);
    const search = async (q: string) => ((await t.http().get('/people').query({ q }).set(u.auth).expect(200)).body.items as { id: string }[]).map((p) => p.id);
    for (const q of ['oconnor', "O'Connor", 'o’connor', 'OCONNOR']) expect(await search(q)).toEqual([siobhan.id]);
    expect(await search('obrien')).toEqual([dara.id]);
    expect(await search('rock n roll')).toEqual([dara.id]);
    expect(((await t.http().get('/organizations').query({ q: 'rock n roll' }).set(u.auth).expect(200)).body.items as { id: string }[]).map((o) => o.id)).toEqual([org.id]);
    // One organization, however the apostrophe is typed.
    expect((await t.http().post('/organizations').set(u.auth).send({ name: 'Rock ’n’ Roll Lab' }).expect(409)).body.code).toBe('organization.name-taken');
  });

  it('refolds names stored before apostrophes were dropped', async () => {
    const u = await registerUser(t);
    const [person] = await t.db.query("INSERT INTO people (user_id, full_name, name_folded) VALUES ($1, 'Sinéad O''Connor', 'sinead o''connor') RETURNING id", [u.id]);
    const [org] = await t.db.query("INSERT INTO organizations (user_id, name, name_folded, aliases, aliases_folded) VALUES ($1, 'McDonald''s AI', 'mcdonald''s ai', '{Mickey D’s}', '{mickey d’s}') RETURNING id", [u.id]);
    // Two teams that fold to one name: the first keeps the new folding, the other its old one.
    await t.db.query("INSERT INTO teams (user_id, organization_id, name, name_folded, created_at) VALUES ($1, $2, 'Ops''', 'ops''', now() - interval '1 day'), ($1, $2, 'Ops’', 'ops’', now())", [u.id, org.id]);
    expect(await t.http().get('/people').query({ q: 'oconnor' }).set(u.auth).expect(200)).toMatchObject({ body: { total: 0 } });
    const runner = t.db.createQueryRunner();
    try {
      await new RefoldNamesWithoutApostrophes1796626310745().up(runner);
    } finally {
      await runner.release();
    }
    expect(((await t.http().get('/people').query({ q: 'oconnor' }).set(u.auth).expect(200)).body.items as { id: string }[]).map((p) => p.id)).toEqual([person.id]);
    expect(await t.db.query('SELECT name_folded, aliases_folded FROM organizations WHERE id = $1', [org.id])).toEqual([{ name_folded: 'mcdonalds ai', aliases_folded: ['mickey ds'] }]);
    expect((await t.db.query('SELECT name_folded FROM teams WHERE organization_id = $1 ORDER BY created_at', [org.id])).map((r: { name_folded: string }) => r.name_folded)).toEqual(['ops', 'ops’']);
  });
});
