import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Notes per interviewer per interview, and what later briefings make of them: an interviewer met in
 * the first loop is no stranger in the loop after a reroute (when, which stage, the outcome, the
 * notes), and the briefing says who referred the user and what the user asked of them.
 */
describe('meetings with interviewers, remembered across loops', () => {
  let t: TestApp;
  let user: TestUser;
  const ids: Record<string, string> = {};

  const post = async (url: string, body: object, status = 201) => (await t.http().post(url).set(user.auth).send(body).expect(status)).body;
  const briefing = async (interviewId: string) => {
    const queued = await post(`/interviews/${interviewId}/briefings`, {}, 202);
    const ready = await waitFor(async () => {
      const b = (await t.http().get(`/briefings/${queued.id}`).set(user.auth).expect(200)).body;
      return b.status === 'ready' || b.status === 'failed' ? b : undefined;
    });
    expect(ready.status).toBe('ready');
    const md = (await t.http().get(`/briefings/${queued.id}/markdown`).set(user.auth).expect(200)).text;
    return { ...ready, md } as { content: any; changes: string[]; md: string };
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    user = await registerUser(t);
    const org = await post('/organizations', { name: 'DeepMind' });
    const core = await post(`/organizations/${org.id}/teams`, { name: 'Core' });
    const applied = await post(`/organizations/${org.id}/teams`, { name: 'Applied' });
    ids.ada = (await post('/people', { fullName: 'Ada Lovelace', organizationId: org.id, teamId: core.id })).id;
    ids.bob = (await post('/people', { fullName: 'Bob Kahn', organizationId: org.id, teamId: applied.id })).id;
    ids.rita = (await post('/people', { fullName: 'Rita Recruiter', organizationId: org.id })).id;
    ids.applied = applied.id;

    // The first loop: referred by Bob, a cancelled and a held team lead interview with Ada, a senior lead interview, failed at people & culture.
    const first = await post('/applications', { organizationId: org.id, teamId: core.id, role: 'Research Engineer', builtInTemplate: 'research-engineer', appliedOn: '2026-08-01', recruiterId: ids.rita });
    ids.first = first.id;
    await post('/referrals', { applicationId: first.id, referrerId: ids.bob, status: 'submitted', on: '2026-08-02', notes: 'Bob sent my CV to the Core lead' });
    await post(`/people/${ids.bob}/interactions`, { type: 'message', occurredAt: '2026-07-30T09:00:00Z', summary: 'Asked Bob about the lab', asked: 'a referral for the Research Engineer role' });
    const move = (id: string, move: string, at: string) => post(`/applications/${id}/moves`, { move, at }, 200);
    for (const day of ['2026-08-10', '2026-08-20', '2026-08-30', '2026-09-05']) {
      await move(first.id, 'pass', `${day}T12:00:00Z`);
      await move(first.id, 'advance', `${day}T12:05:00Z`);
    }
    const stage = (name: string) => (first.stages as { id: string; name: string }[]).find((s) => s.name === name)!.id;
    const interview = (stageId: string, startsAt: string, interviewerIds: string[]) => post('/interviews', { stageId, startsAt, timeZone: 'Europe/London', durationMinutes: 45, format: 'video', interviewerIds });
    ids.cancelled = (await interview(stage('Team lead interview'), '2026-09-10T10:00:00Z', [ids.ada])).id;
    await t.http().patch(`/interviews/${ids.cancelled}`).set(user.auth).send({ outcome: 'cancelled' }).expect(200);
    ids.teamLead = (await interview(stage('Team lead interview'), '2026-09-15T10:00:00Z', [ids.ada])).id;
    await t.http().patch(`/interviews/${ids.teamLead}`).set(user.auth).send({ outcome: 'passed' }).expect(200);
    await move(first.id, 'pass', '2026-09-16T12:00:00Z');
    await move(first.id, 'advance', '2026-09-16T12:05:00Z');
    await move(first.id, 'pass', '2026-09-30T12:00:00Z');
    await move(first.id, 'advance', '2026-09-30T12:05:00Z');
    await move(first.id, 'fail', '2026-10-10T12:00:00Z');
    // The reroute to Applied, and its team lead interview with Ada again and Bob.
    const second = await post(`/applications/${first.id}/reroute`, { teamId: applied.id, at: '2026-10-12T09:00:00Z' });
    ids.second = second.id;
    ids.applied = (await interview(second.stages[0].id, '2027-01-15T10:00:00Z', [ids.ada, ids.bob])).id;
  });
  afterAll(() => t.close());

  it('keeps notes per interviewer on an interview and shows them with the interview', async () => {
    const notes = { asked: 'How would you evaluate a world model without a simulator?', howItWent: 'Warm; she pushed on ablations', followUp: 'Send her the offline-evaluation paper' };
    const res = await t.http().put(`/interviews/${ids.teamLead}/interviewers/${ids.ada}/notes`).set(user.auth).send(notes).expect(200);
    expect(res.body.interviewers).toEqual([expect.objectContaining({ id: ids.ada, notes: { ...notes, updatedAt: expect.any(String) } })]);
    const got = (await t.http().get(`/interviews/${ids.teamLead}`).set(user.auth).expect(200)).body;
    expect(got.interviewers[0].notes).toMatchObject(notes);
    // A PUT replaces: a field left out is cleared.
    const replaced = (await t.http().put(`/interviews/${ids.teamLead}/interviewers/${ids.ada}/notes`).set(user.auth).send({ asked: notes.asked, howItWent: notes.howItWent }).expect(200)).body;
    expect(replaced.interviewers[0].notes).toMatchObject({ asked: notes.asked, howItWent: notes.howItWent, followUp: null });

    // Only about someone who was there.
    const stranger = await t.http().put(`/interviews/${ids.teamLead}/interviewers/${ids.rita}/notes`).set(user.auth).send({ asked: 'x' }).expect(409);
    expect(stranger.body).toMatchObject({ code: 'interview.not-an-interviewer', message: expect.stringContaining('Rita Recruiter is not an interviewer') });
    // Taking Ada off the panel would lose the notes: refused, naming her, until they are deleted.
    const off = await t.http().patch(`/interviews/${ids.teamLead}`).set(user.auth).send({ interviewerIds: [] }).expect(409);
    expect(off.body).toMatchObject({ code: 'interview.interviewer-has-notes', message: expect.stringContaining('Ada Lovelace'), people: [{ id: ids.ada, fullName: 'Ada Lovelace' }] });
    expect((await t.http().get(`/interviews/${ids.teamLead}`).set(user.auth).expect(200)).body.interviewers).toHaveLength(1);
  });

  it("lists a person's meetings across applications and reroutes, with the outcome and the notes", async () => {
    const meetings = (await t.http().get(`/people/${ids.ada}/meetings`).set(user.auth).expect(200)).body;
    expect(meetings.map((m: any) => [m.startsAt, m.application.id, m.application.team.name, m.stage.name, m.outcome])).toEqual([
      ['2027-01-15T10:00:00.000Z', ids.second, 'Applied', 'Team lead interview', 'pending'],
      ['2026-09-15T10:00:00.000Z', ids.first, 'Core', 'Team lead interview', 'passed'],
      ['2026-09-10T10:00:00.000Z', ids.first, 'Core', 'Team lead interview', 'cancelled'],
    ]);
    expect(meetings[1].notes).toMatchObject({ asked: 'How would you evaluate a world model without a simulator?', howItWent: 'Warm; she pushed on ablations' });
    expect(meetings[1].stage).toMatchObject({ type: 'team_lead', status: 'passed' });
    expect(meetings[0].notes).toBeNull();
  });

  it("briefs the second loop's interview with the first loop's meeting, its notes and outcome, and the referral by an interviewer", async () => {
    const first = await briefing(ids.applied);
    const ada = first.content.interviewers.find((p: any) => p.id === ids.ada);
    const bob = first.content.interviewers.find((p: any) => p.id === ids.bob);
    // The cancelled interview did not happen; the one being briefed is not an earlier meeting.
    expect(ada.earlierMeetings).toEqual([
      {
        interviewId: ids.teamLead,
        startsAt: '2026-09-15T10:00:00.000Z',
        application: { id: ids.first, role: 'Research Engineer', organization: 'DeepMind', team: 'Core', status: 'rejected' },
        stage: { name: 'Team lead interview', type: 'team_lead', status: 'passed' },
        outcome: 'passed',
        notes: { asked: 'How would you evaluate a world model without a simulator?', howItWent: 'Warm; she pushed on ablations', followUp: null },
      },
    ]);
    expect(bob.earlierMeetings).toEqual([]);
    // The reroute carried Bob's referral to the Applied application: one referral, shown once, where it stands now.
    expect(bob.referredYou).toEqual([{ applicationId: ids.second, role: 'Research Engineer', organization: 'DeepMind', team: 'Applied', status: 'submitted', on: '2026-08-02', notes: 'Bob sent my CV to the Core lead' }]);
    expect(bob.asks).toEqual([{ at: '2026-07-30T09:00:00.000Z', asked: 'a referral for the Research Engineer role' }]);

    const adaSection = first.md.slice(first.md.indexOf('### Ada Lovelace'), first.md.indexOf('### Bob Kahn'));
    expect(adaSection).toContain('#### You met them before');
    expect(adaSection).toContain('- 15 Sept 2026: Team lead interview (team lead) for Research Engineer at DeepMind, Core — passed');
    expect(adaSection).toContain('  - They asked: How would you evaluate a world model without a simulator?');
    expect(adaSection).toContain('  - How it went: Warm; she pushed on ablations');
    expect(adaSection).not.toContain('10 Sept 2026');
    const bobSection = first.md.slice(first.md.indexOf('### Bob Kahn'), first.md.indexOf('## Reading checklist'));
    expect(bobSection).toContain('- **Referred you:** for Research Engineer at DeepMind (Applied), submitted on 2 Aug 2026 — Bob sent my CV to the Core lead');
    expect(bobSection).toContain('- **You asked them** (30 Jul 2026): a referral for the Research Engineer role');
    expect(bobSection).not.toContain('You met them before');

    // New notes on that meeting: the next version says so.
    await t.http().put(`/interviews/${ids.teamLead}/interviewers/${ids.ada}/notes`).set(user.auth).send({ asked: 'World models', howItWent: 'Warm', followUp: 'Send the paper' }).expect(200);
    const next = await briefing(ids.applied);
    expect(next.changes).toContain('Ada Lovelace: new notes on your meeting at the Team lead interview (Research Engineer at DeepMind).');
    expect(next.md).toContain('  - To follow up: Send the paper');
  });

  it('deletes notes on request, after which the interviewer may leave the panel', async () => {
    await t.http().delete(`/interviews/${ids.teamLead}/interviewers/${ids.ada}/notes`).set(user.auth).expect(204);
    expect((await t.http().get(`/interviews/${ids.teamLead}`).set(user.auth).expect(200)).body.interviewers[0].notes).toBeNull();
    await t.http().patch(`/interviews/${ids.teamLead}`).set(user.auth).send({ interviewerIds: [] }).expect(200);
    expect((await t.http().get(`/people/${ids.ada}/meetings`).set(user.auth).expect(200)).body).toHaveLength(2);
  });

  it('moves the notes with the person when a duplicate is merged into them', async () => {
    const twin = (await post('/people', { fullName: 'Augusta Ada King' })).id;
    await t.http().patch(`/interviews/${ids.applied}`).set(user.auth).send({ interviewerIds: [ids.ada, ids.bob, twin] }).expect(200);
    await t.http().put(`/interviews/${ids.applied}/interviewers/${twin}/notes`).set(user.auth).send({ howItWent: 'Noted under her other name' }).expect(200);
    const merged = (await post(`/people/${ids.ada}/merge`, { otherId: twin, dryRun: false }, 200)).moved;
    expect(merged).toMatchObject({ interviews: 1, interviewerNotes: 1 });
    const interview = (await t.http().get(`/interviews/${ids.applied}`).set(user.auth).expect(200)).body;
    expect(interview.interviewers.find((p: any) => p.id === ids.ada).notes).toMatchObject({ howItWent: 'Noted under her other name' });
  });
});
