import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/** yyyy-mm-dd in a time zone, as the server should compute "today". */
function dateIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('follow-ups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function person(u: TestUser, body: object): Promise<{ id: string }> {
    return (await t.http().post('/people').set(u.auth).send({ fullName: 'Someone', ...body }).expect(201)).body;
  }
  const due = async (u: TestUser, query = '') => (await t.http().get(`/follow-ups/due${query}`).set(u.auth).expect(200)).body;
  const getPerson = async (u: TestUser, id: string) => (await t.http().get(`/people/${id}`).set(u.auth).expect(200)).body;

  it('lists who is due by today, oldest due first, with days overdue and the last interaction', async () => {
    const u = await registerUser(t);
    const today = dateIn('UTC');
    const grace = await person(u, { fullName: 'Grace Hopper', nextFollowUpAt: addDays(today, -10) });
    await person(u, { fullName: 'Alan Turing', nextFollowUpAt: today });
    await person(u, { fullName: 'Ada Lovelace', nextFollowUpAt: addDays(today, -10) });
    await person(u, { fullName: 'Later Person', nextFollowUpAt: addDays(today, 3) });
    await person(u, { fullName: 'No Plan' });
    const gone = await person(u, { fullName: 'Deleted Person', nextFollowUpAt: addDays(today, -30) });
    await t.http().delete(`/people/${gone.id}`).set(u.auth).expect(204);
    await t.http().post(`/people/${grace.id}/interactions`).set(u.auth).send({ type: 'call', occurredAt: '2025-06-01T10:00:00Z', summary: 'Last call' }).expect(201);

    const list = await due(u);
    expect(list).toMatchObject({ by: today, today, total: 3, limit: 50, offset: 0 });
    expect(list.items.map((i: { person: { fullName: string }; daysOverdue: number; nextFollowUpAt: string; lastInteractionAt: string | null }) => [i.person.fullName, i.nextFollowUpAt, i.daysOverdue, i.lastInteractionAt])).toEqual([
      ['Ada Lovelace', addDays(today, -10), 10, null],
      ['Grace Hopper', addDays(today, -10), 10, '2025-06-01T10:00:00.000Z'],
      ['Alan Turing', today, 0, null],
    ]);
    expect(list.items[1].person).toMatchObject({ id: grace.id, fullName: 'Grace Hopper', lastInteractionAt: '2025-06-01T10:00:00.000Z' });

    // Looking ahead includes what is not yet due, with negative days overdue.
    const ahead = await due(u, `?by=${addDays(today, 7)}`);
    expect(ahead.items.map((i: { person: { fullName: string }; daysOverdue: number }) => [i.person.fullName, i.daysOverdue])).toEqual([
      ['Ada Lovelace', 10],
      ['Grace Hopper', 10],
      ['Alan Turing', 0],
      ['Later Person', -3],
    ]);
    expect((await due(u, '?by=today')).total).toBe(3);
    const page = await due(u, '?limit=1&offset=1');
    expect([page.total, page.items.map((i: { person: { fullName: string } }) => i.person.fullName)]).toEqual([3, ['Grace Hopper']]);

    // Another user sees none of it.
    expect((await due(await registerUser(t), `?by=${addDays(today, 365)}`)).items).toEqual([]);
  });

  it("counts today in the user's time zone", async () => {
    // 25 hours apart: these two zones are never on the same date.
    const east = await registerUser(t);
    const west = await registerUser(t);
    await t.http().patch('/me').set(east.auth).send({ timeZone: 'Pacific/Kiritimati' }).expect(200);
    await t.http().patch('/me').set(west.auth).send({ timeZone: 'Pacific/Pago_Pago' }).expect(200);
    const eastToday = dateIn('Pacific/Kiritimati');
    const westToday = dateIn('Pacific/Pago_Pago');
    await person(east, { nextFollowUpAt: eastToday });
    await person(west, { nextFollowUpAt: eastToday });

    expect(await due(east)).toMatchObject({ today: eastToday, total: 1, items: [{ daysOverdue: 0 }] });
    // For the user in the west it is not that day yet.
    expect(await due(west)).toMatchObject({ today: westToday, total: 0 });
  });

  it('sets, changes and clears the next follow-up and the cadence', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { fullName: 'Ada Lovelace' });
    const set = await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({ nextFollowUpAt: '2026-05-01' }).expect(200);
    expect(set.body).toMatchObject({ id: ada.id, fullName: 'Ada Lovelace', nextFollowUpAt: '2026-05-01', followUpCadenceDays: null });

    // A field left out stays as it is.
    const both = await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({ nextFollowUpAt: '2026-06-01', cadenceDays: 45 }).expect(200);
    expect(both.body).toMatchObject({ nextFollowUpAt: '2026-06-01', followUpCadenceDays: 45 });
    expect((await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({}).expect(200)).body).toMatchObject({ nextFollowUpAt: '2026-06-01', followUpCadenceDays: 45 });

    const cleared = await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({ nextFollowUpAt: null, cadenceDays: null }).expect(200);
    expect(cleared.body).toMatchObject({ nextFollowUpAt: null, followUpCadenceDays: null });
    expect(await getPerson(u, ada.id)).toMatchObject({ nextFollowUpAt: null, followUpCadenceDays: null });
  });

  it('schedules from the last interaction (or today) when only a cadence is given', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { fullName: 'Ada Lovelace' });
    await t.http().post(`/people/${ada.id}/interactions`).set(u.auth).send({ type: 'meeting', occurredAt: '2026-01-10T12:00:00Z', summary: 'Lunch' }).expect(201);
    const res = await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({ cadenceDays: 30 }).expect(200);
    expect(res.body).toMatchObject({ followUpCadenceDays: 30, nextFollowUpAt: '2026-02-09' });

    const fresh = await person(u, { fullName: 'New Contact' });
    const fromToday = await t.http().put(`/people/${fresh.id}/follow-up`).set(u.auth).send({ cadenceDays: 14 }).expect(200);
    expect(fromToday.body.nextFollowUpAt).toBe(addDays(dateIn('UTC'), 14));
  });

  it('logging an interaction moves the next follow-up by the cadence, so the person leaves the due list', async () => {
    const u = await registerUser(t);
    const today = dateIn('UTC');
    const ada = await person(u, { fullName: 'Ada Lovelace', nextFollowUpAt: addDays(today, -5), followUpCadenceDays: 21 });
    expect((await due(u)).items.map((i: { person: { id: string } }) => i.person.id)).toEqual([ada.id]);

    const now = new Date().toISOString();
    await t.http().post(`/people/${ada.id}/interactions`).set(u.auth).send({ type: 'message', occurredAt: now, summary: 'Shared a paper she might like' }).expect(201);
    expect(await getPerson(u, ada.id)).toMatchObject({ nextFollowUpAt: addDays(now.slice(0, 10), 21) });
    expect((await due(u)).total).toBe(0);
    expect((await due(u, `?by=${addDays(today, 30)}`)).items[0]).toMatchObject({ person: { id: ada.id }, daysOverdue: -21 });
  });

  it('marks a follow-up done: logs the note as an interaction and moves the date one cadence past today', async () => {
    const u = await registerUser(t);
    const today = dateIn('UTC');
    const ada = await person(u, { fullName: 'Ada Lovelace', nextFollowUpAt: addDays(today, -3), followUpCadenceDays: 60 });

    const res = await t.http().post(`/people/${ada.id}/follow-up/done`).set(u.auth).send({ summary: 'Congratulated her on the ICLR paper', channel: 'LinkedIn', offered: 'Offered to test her library' }).expect(200);
    expect(res.body.person).toMatchObject({ id: ada.id, nextFollowUpAt: addDays(today, 60), followUpCadenceDays: 60, lastInteractionAt: res.body.interaction.occurredAt });
    expect(res.body.interaction).toMatchObject({ personId: ada.id, type: 'message', channel: 'LinkedIn', summary: 'Congratulated her on the ICLR paper', offered: 'Offered to test her library' });
    expect(Math.abs(Date.parse(res.body.interaction.occurredAt) - Date.now())).toBeLessThan(60_000);

    const timeline = (await t.http().get(`/people/${ada.id}/interactions`).set(u.auth).expect(200)).body;
    expect(timeline.items).toEqual([res.body.interaction]);
    expect((await due(u)).total).toBe(0);

    const call = await t.http().post(`/people/${ada.id}/follow-up/done`).set(u.auth).send({ summary: 'Caught up by phone', type: 'call' }).expect(200);
    expect(call.body.interaction.type).toBe('call');
  });

  it('marks done without a note: no interaction; without a cadence the follow-up is cleared', async () => {
    const u = await registerUser(t);
    const today = dateIn('UTC');
    const once = await person(u, { fullName: 'One-off', nextFollowUpAt: addDays(today, -1) });
    const res = await t.http().post(`/people/${once.id}/follow-up/done`).set(u.auth).expect(200);
    expect(res.body).toMatchObject({ person: { nextFollowUpAt: null, lastInteractionAt: null }, interaction: null });
    expect((await t.http().get(`/people/${once.id}/interactions`).set(u.auth).expect(200)).body.total).toBe(0);

    const regular = await person(u, { fullName: 'Regular', nextFollowUpAt: addDays(today, -1), followUpCadenceDays: 7 });
    const moved = await t.http().post(`/people/${regular.id}/follow-up/done`).set(u.auth).send({}).expect(200);
    expect(moved.body.person.nextFollowUpAt).toBe(addDays(today, 7));
    expect((await due(u)).total).toBe(0);
  });

  it('names every bad field in a 400', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { fullName: 'Ada Lovelace', nextFollowUpAt: '2026-05-01' });
    const bad = await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({ nextFollowUpAt: '2026-02-30', cadenceDays: 1.5, cadence: 3 }).expect(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        { field: 'nextFollowUpAt', problem: 'must be a date as yyyy-mm-dd' },
        { field: 'cadenceDays', problem: 'must be an integer number' },
        { field: 'cadence', problem: 'is not a known field' },
      ]),
    );
    const datetime = await t.http().put(`/people/${ada.id}/follow-up`).set(u.auth).send({ nextFollowUpAt: '2026-05-01T10:00:00Z', cadenceDays: 0 }).expect(400);
    expect(datetime.body.details).toEqual(
      expect.arrayContaining([
        { field: 'nextFollowUpAt', problem: 'must be a date as yyyy-mm-dd' },
        { field: 'cadenceDays', problem: 'must not be less than 1' },
      ]),
    );
    expect((await getPerson(u, ada.id)).nextFollowUpAt).toBe('2026-05-01');

    const by = await t.http().get('/follow-ups/due?by=tomorrow').set(u.auth).expect(400);
    expect(by.body.details).toEqual([{ field: 'by', problem: 'must be a date as yyyy-mm-dd' }]);

    const typeOnly = await t.http().post(`/people/${ada.id}/follow-up/done`).set(u.auth).send({ type: 'call' }).expect(400);
    expect(typeOnly.body.details).toEqual([{ field: 'summary', problem: 'is required to log the interaction (type given)' }]);
    const badType = await t.http().post(`/people/${ada.id}/follow-up/done`).set(u.auth).send({ summary: 'x', type: 'tweet' }).expect(400);
    expect(badType.body.details.map((d: { field: string }) => d.field)).toEqual(['type']);
    // Nothing moved.
    expect((await getPerson(u, ada.id)).nextFollowUpAt).toBe('2026-05-01');
  });

  it('snoozes a due follow-up to a later day, keeping why it is due and the cadence; a past day or nothing planned is refused', async () => {
    const u = await registerUser(t);
    const today = dateIn('UTC');
    const ada = await person(u, { fullName: 'Ada Lovelace', nextFollowUpAt: addDays(today, -2), followUpCadenceDays: 30 });
    await t.db.query("UPDATE people SET next_follow_up_reason = 'Thank Ada for referring you' WHERE id = $1", [ada.id]);

    const snoozed = await t.http().post(`/people/${ada.id}/follow-up/snooze`).set(u.auth).send({ until: addDays(today, 7) }).expect(200);
    expect(snoozed.body).toMatchObject({ id: ada.id, nextFollowUpAt: addDays(today, 7), nextFollowUpReason: 'Thank Ada for referring you', followUpCadenceDays: 30 });
    expect((await due(u)).items).toEqual([]);
    // It comes back on that day, still saying why.
    const back = await due(u, `?by=${addDays(today, 7)}`);
    expect(back.items.map((i: { person: { id: string }; reason: string | null }) => [i.person.id, i.reason])).toEqual([[ada.id, 'Thank Ada for referring you']]);

    // Today or before is not a snooze; the date is checked like any date.
    const past = await t.http().post(`/people/${ada.id}/follow-up/snooze`).set(u.auth).send({ until: today }).expect(400);
    expect(past.body.details).toEqual([{ field: 'until', problem: `must be after today (${today})` }]);
    const bad = await t.http().post(`/people/${ada.id}/follow-up/snooze`).set(u.auth).send({ until: 'next week' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'until', problem: 'must be a date as yyyy-mm-dd' }]);
    expect((await getPerson(u, ada.id)).nextFollowUpAt).toBe(addDays(today, 7));

    // Someone with no follow-up planned has nothing to snooze; another user's person is a 404.
    const none = await person(u, { fullName: 'No Plan' });
    const conflict = await t.http().post(`/people/${none.id}/follow-up/snooze`).set(u.auth).send({ until: addDays(today, 1) }).expect(409);
    expect(conflict.body.code).toBe('follow-ups.nothing-to-snooze');
    expect((await getPerson(u, none.id)).nextFollowUpAt).toBeNull();
    await t.http().post(`/people/${ada.id}/follow-up/snooze`).set((await registerUser(t)).auth).send({ until: addDays(today, 1) }).expect(404);
  });

  it("answers 404 for another user's person or a deleted one, and changes nothing", async () => {
    const owner = await registerUser(t);
    const stranger = await registerUser(t);
    const ada = await person(owner, { fullName: 'Ada Lovelace', nextFollowUpAt: '2026-05-01', followUpCadenceDays: 30 });
    const res = await t.http().put(`/people/${ada.id}/follow-up`).set(stranger.auth).send({ nextFollowUpAt: null }).expect(404);
    expect(res.body).toMatchObject({ code: 'person.not-found' });
    await t.http().post(`/people/${ada.id}/follow-up/done`).set(stranger.auth).send({ summary: 'Injected' }).expect(404);
    expect(await getPerson(owner, ada.id)).toMatchObject({ nextFollowUpAt: '2026-05-01', followUpCadenceDays: 30, lastInteractionAt: null });

    await t.http().delete(`/people/${ada.id}`).set(owner.auth).expect(204);
    await t.http().put(`/people/${ada.id}/follow-up`).set(owner.auth).send({ cadenceDays: 10 }).expect(404);
    await t.http().post(`/people/${ada.id}/follow-up/done`).set(owner.auth).send({ summary: 'Too late' }).expect(404);
  });
});
