import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

describe('interactions: the timeline of a person', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function person(u: TestUser, body: object = {}): Promise<{ id: string }> {
    return (await t.http().post('/people').set(u.auth).send({ fullName: 'Ada Lovelace', ...body }).expect(201)).body;
  }
  const log = (u: TestUser, personId: string, body: object) => t.http().post(`/people/${personId}/interactions`).set(u.auth).send(body);
  const getPerson = async (u: TestUser, id: string) => (await t.http().get(`/people/${id}`).set(u.auth).expect(200)).body;

  it("logs an interaction and sets the person's last interaction", async () => {
    const u = await registerUser(t);
    const ada = await person(u);
    const res = await log(u, ada.id, {
      type: 'conference_chat',
      occurredAt: '2025-12-10T16:00:00+01:00',
      channel: ' NeurIPS 2025 poster session ',
      summary: 'Talked about her world-model paper; she suggested the follow-up on latent planning.',
      offered: 'Sent my reproduction notes',
    }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      personId: ada.id,
      type: 'conference_chat',
      occurredAt: '2025-12-10T15:00:00.000Z',
      channel: 'NeurIPS 2025 poster session',
      summary: 'Talked about her world-model paper; she suggested the follow-up on latent planning.',
      offered: 'Sent my reproduction notes',
      asked: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await t.http().get(`/interactions/${res.body.id}`).set(u.auth).expect(200)).body).toEqual(res.body);
    expect((await getPerson(u, ada.id)).lastInteractionAt).toBe('2025-12-10T15:00:00.000Z');
  });

  it('lists the timeline newest first, in stable pages, filtered by type', async () => {
    const u = await registerUser(t);
    const ada = await person(u);
    const entries = [
      ['email', '2026-01-05T09:00:00Z', 'Thanked her for the referral offer'],
      ['message', '2025-11-01T09:00:00Z', 'First message on LinkedIn'],
      ['call', '2026-02-01T18:30:00Z', 'Mock interview call'],
      ['message', '2025-12-24T09:00:00Z', 'Season greetings'],
      ['comment', '2026-01-20T09:00:00Z', 'Commented on her X thread about RLHF'],
    ] as const;
    for (const [type, occurredAt, summary] of entries) await log(u, ada.id, { type, occurredAt, summary }).expect(201);

    const page1 = (await t.http().get(`/people/${ada.id}/interactions?limit=2`).set(u.auth).expect(200)).body;
    const page2 = (await t.http().get(`/people/${ada.id}/interactions?limit=2&offset=2`).set(u.auth).expect(200)).body;
    const page3 = (await t.http().get(`/people/${ada.id}/interactions?limit=2&offset=4`).set(u.auth).expect(200)).body;
    expect([page1.total, page1.limit, page1.offset, page2.offset]).toEqual([5, 2, 0, 2]);
    expect([...page1.items, ...page2.items, ...page3.items].map((i: { summary: string }) => i.summary)).toEqual([
      'Mock interview call',
      'Commented on her X thread about RLHF',
      'Thanked her for the referral offer',
      'Season greetings',
      'First message on LinkedIn',
    ]);

    const messages = (await t.http().get(`/people/${ada.id}/interactions?type=message`).set(u.auth).expect(200)).body;
    expect(messages.total).toBe(2);
    expect(messages.items.map((i: { summary: string }) => i.summary)).toEqual(['Season greetings', 'First message on LinkedIn']);

    const bad = await t.http().get(`/people/${ada.id}/interactions?type=tweet&limit=0`).set(u.auth).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'type']);

    // Another person's timeline is separate.
    const other = await person(u, { fullName: 'Grace Hopper' });
    expect((await t.http().get(`/people/${other.id}/interactions`).set(u.auth).expect(200)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('keeps last interaction and the cadence follow-up right through create, update and delete', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { followUpCadenceDays: 30, nextFollowUpAt: '2025-12-01' });

    const first = (await log(u, ada.id, { type: 'message', occurredAt: '2026-01-10T12:00:00Z', summary: 'Asked about her talk' }).expect(201)).body;
    expect(await getPerson(u, ada.id)).toMatchObject({ lastInteractionAt: '2026-01-10T12:00:00.000Z', nextFollowUpAt: '2026-02-09' });

    // An older touch-point logged late does not pull the follow-up back.
    const older = (await log(u, ada.id, { type: 'call', occurredAt: '2025-12-15T12:00:00Z', summary: 'Intro call' }).expect(201)).body;
    expect(await getPerson(u, ada.id)).toMatchObject({ lastInteractionAt: '2026-01-10T12:00:00.000Z', nextFollowUpAt: '2026-02-09' });

    // Correcting the date of the latest moves both.
    await t.http().patch(`/interactions/${first.id}`).set(u.auth).send({ occurredAt: '2026-01-20T12:00:00Z' }).expect(200);
    expect(await getPerson(u, ada.id)).toMatchObject({ lastInteractionAt: '2026-01-20T12:00:00.000Z', nextFollowUpAt: '2026-02-19' });

    // Deleting the latest falls back to the one before.
    await t.http().delete(`/interactions/${first.id}`).set(u.auth).expect(204);
    expect(await getPerson(u, ada.id)).toMatchObject({ lastInteractionAt: '2025-12-15T12:00:00.000Z', nextFollowUpAt: '2026-01-14' });
    await t.http().get(`/interactions/${first.id}`).set(u.auth).expect(404);

    await t.http().delete(`/interactions/${older.id}`).set(u.auth).expect(204);
    expect((await getPerson(u, ada.id)).lastInteractionAt).toBeNull();
  });

  it('without a cadence, logging an interaction leaves the planned follow-up alone', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { nextFollowUpAt: '2026-06-01' });
    await log(u, ada.id, { type: 'email', occurredAt: '2026-03-01T08:00:00Z', summary: 'Sent the draft' }).expect(201);
    expect(await getPerson(u, ada.id)).toMatchObject({ lastInteractionAt: '2026-03-01T08:00:00.000Z', nextFollowUpAt: '2026-06-01' });
  });

  it('updates only the fields given; optional ones clear with null, required ones cannot', async () => {
    const u = await registerUser(t);
    const ada = await person(u);
    const created = (await log(u, ada.id, { type: 'meeting', occurredAt: '2026-01-10T12:00:00Z', channel: 'Coffee', summary: 'Coffee at ICML', offered: 'Paid' }).expect(201)).body;
    const res = await t.http().patch(`/interactions/${created.id}`).set(u.auth).send({ summary: 'Coffee at ICML, talked about evals', channel: null }).expect(200);
    expect(res.body).toMatchObject({ type: 'meeting', occurredAt: '2026-01-10T12:00:00.000Z', channel: null, summary: 'Coffee at ICML, talked about evals', offered: 'Paid' });

    const nulls = await t.http().patch(`/interactions/${created.id}`).set(u.auth).send({ summary: null, type: null, occurredAt: null }).expect(400);
    expect(nulls.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['summary', 'type', 'occurredAt']));
    const moved = await t.http().patch(`/interactions/${created.id}`).set(u.auth).send({ personId: ada.id }).expect(400);
    expect(moved.body.details).toEqual([{ field: 'personId', problem: 'is not a known field' }]);
  });

  it('names every bad field in a 400', async () => {
    const u = await registerUser(t);
    const ada = await person(u);
    const empty = await log(u, ada.id, {}).expect(400);
    expect(empty.body.code).toBe('request.invalid');
    expect([...new Set(empty.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['occurredAt', 'summary', 'type']);

    const bad = await log(u, ada.id, { type: 'tweet', occurredAt: '2026-01-10', summary: 'x' }).expect(400);
    expect(bad.body.details).toEqual([
      { field: 'type', problem: 'must be one of the following values: message, call, meeting, conference_chat, email, comment' },
      { field: 'occurredAt', problem: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-15T14:30:00Z' },
    ]);
    for (const occurredAt of ['2026-02-30T10:00:00Z', '2026-01-10T10:00:00', 'yesterday', 20260110]) {
      const res = await log(u, ada.id, { type: 'call', occurredAt, summary: 'x' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'occurredAt', problem: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-15T14:30:00Z' }]);
    }
    const blank = await log(u, ada.id, { type: 'call', occurredAt: '2026-01-10T10:00:00Z', summary: '   ' }).expect(400);
    expect(blank.body).toMatchObject({ code: 'interaction.invalid', details: [{ field: 'summary', problem: 'must not be blank' }] });

    const badPerson = await t.http().get('/people/nope/interactions').set(u.auth).expect(400);
    expect(badPerson.body.details).toEqual([{ field: 'personId', problem: 'must be a UUID' }]);
    expect((await t.http().get(`/people/${ada.id}/interactions`).set(u.auth).expect(200)).body.total).toBe(0);
  });

  it('hides the interactions of a soft-deleted person (404) until they are restored', async () => {
    const u = await registerUser(t);
    const ada = await person(u);
    const i = (await log(u, ada.id, { type: 'call', occurredAt: '2026-01-10T12:00:00Z', summary: 'Call' }).expect(201)).body;
    await t.http().delete(`/people/${ada.id}`).set(u.auth).expect(204);

    expect((await t.http().get(`/people/${ada.id}/interactions`).set(u.auth).expect(404)).body.code).toBe('person.not-found');
    expect((await log(u, ada.id, { type: 'call', occurredAt: '2026-01-11T12:00:00Z', summary: 'Another' }).expect(404)).body.code).toBe('person.not-found');
    expect((await t.http().get(`/interactions/${i.id}`).set(u.auth).expect(404)).body.code).toBe('interaction.not-found');
    await t.http().patch(`/interactions/${i.id}`).set(u.auth).send({ summary: 'edited' }).expect(404);
    await t.http().delete(`/interactions/${i.id}`).set(u.auth).expect(404);

    await t.http().post(`/people/${ada.id}/restore`).set(u.auth).expect(200);
    expect((await t.http().get(`/interactions/${i.id}`).set(u.auth).expect(200)).body.summary).toBe('Call');
    expect((await t.http().get(`/people/${ada.id}/interactions`).set(u.auth).expect(200)).body.total).toBe(1);
  });

  it("answers 404 for another user's person and interactions, and changes nothing", async () => {
    const owner = await registerUser(t);
    const stranger = await registerUser(t);
    const ada = await person(owner);
    const i = (await log(owner, ada.id, { type: 'call', occurredAt: '2026-01-10T12:00:00Z', summary: 'Private call' }).expect(201)).body;

    await t.http().get(`/people/${ada.id}/interactions`).set(stranger.auth).expect(404);
    await log(stranger, ada.id, { type: 'call', occurredAt: '2026-02-10T12:00:00Z', summary: 'Injected' }).expect(404);
    const res = await t.http().get(`/interactions/${i.id}`).set(stranger.auth).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'interaction.not-found', message: `Interaction ${i.id} was not found` });
    await t.http().patch(`/interactions/${i.id}`).set(stranger.auth).send({ summary: 'edited' }).expect(404);
    await t.http().delete(`/interactions/${i.id}`).set(stranger.auth).expect(404);

    const timeline = (await t.http().get(`/people/${ada.id}/interactions`).set(owner.auth).expect(200)).body;
    expect(timeline.items).toEqual([i]);
    expect((await getPerson(owner, ada.id)).lastInteractionAt).toBe('2026-01-10T12:00:00.000Z');
  });

  it('keeps the latest date when interactions for one person are logged concurrently', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { followUpCadenceDays: 10 });
    const days = Array.from({ length: 8 }, (_, k) => `2026-03-${String(10 + k).padStart(2, '0')}T12:00:00Z`);
    await Promise.all(days.map((occurredAt) => log(u, ada.id, { type: 'message', occurredAt, summary: occurredAt }).expect(201)));
    expect(await getPerson(u, ada.id)).toMatchObject({ lastInteractionAt: '2026-03-17T12:00:00.000Z', nextFollowUpAt: '2026-03-27' });
  });
});
