import ICAL from 'ical.js';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** yyyy-mm-dd, `days` from today (UTC, the account's time zone here). */
function day(days: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** A day as briefings print it ("15 Sept 2026"). */
const printed = (date: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));

/** LinkedIn's Connections.csv as the export writes it: a notes preamble, a blank line, then the table. */
function connectionsCsv(rows: string[]): string {
  return [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...rows,
    '',
  ].join('\n');
}

/** Replaces every id by its order of first appearance, so two accounts' exports compare by content. */
function withoutIds(doc: unknown): unknown {
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

interface Stage {
  id: string;
  name: string;
  type: string;
  status: string;
}
interface Task {
  id: string;
  title: string;
  origin: string;
  status: string;
  dueOn: string | null;
  stage: { id: string } | null;
  closedReason: string | null;
}

/**
 * Issue 12's story, played through HTTP as the user lives it: contacts from LinkedIn, a referral by
 * Bob, a Research Engineer application at DeepMind's Core team on the seven-stage research-lab loop
 * run by the recruiter Rita, five stages passed with real interviewers, people & culture failed, a
 * reroute to the Applied team, a team lead interview there with Ada (met in the first loop) and Bob
 * (who referred the user), a re-import that names the lab differently, an offer, and the whole story
 * carried into another account by the export. Each step checks what the user would notice there.
 */
describe('the story holds from the first stage to the reroute (issue 12)', () => {
  let t: TestApp;
  let user: TestUser;
  const ids: Record<string, string> = {};
  let coreStages: Stage[] = [];
  let appliedStages: Stage[] = [];
  let feedPath = '';
  let firstLoopPrep: Task[] = [];
  let exported: Record<string, unknown>;

  const get = async (url: string, u = user) => (await t.http().get(url).set(u.auth).expect(200)).body;
  const post = async (url: string, body: object, status = 201, u = user) => (await t.http().post(url).set(u.auth).send(body).expect(status)).body;
  const patch = async (url: string, body: object, status = 200) => (await t.http().patch(url).set(user.auth).send(body).expect(status)).body;
  const put = async (url: string, body: object) => (await t.http().put(url).set(user.auth).send(body).expect(200)).body;
  const importLinkedIn = async (rows: string[]) => (await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send(connectionsCsv(rows)).expect(201)).body.report;
  const organizations = async (u = user) => (await get('/organizations?limit=200', u)).items as { id: string; name: string; aliases: string[] }[];
  const stageOf = (stages: Stage[], type: string) => stages.find((s) => s.type === type)!;
  /** An interview on a stage, in London, an hour on video. */
  const schedule = async (stageId: string, date: string, interviewerIds: string[]) =>
    (await post('/interviews', { stageId, startsAt: `${date}T10:00:00Z`, timeZone: 'Europe/London', durationMinutes: 60, format: 'video', interviewerIds })).id as string;
  /** Records an interview's outcome and returns the move it suggests (or null). */
  const outcome = async (interviewId: string, value: string) => (await patch(`/interviews/${interviewId}`, { outcome: value })).suggestedMove;
  /** Accepts a suggested move in one call, dated the day after the interview, as the user enters it. */
  const accept = async (suggestion: { move: string; applicationId: string; fromStageId: string }, at?: string) =>
    post(`/applications/${suggestion.applicationId}/moves`, { move: suggestion.move, fromStageId: suggestion.fromStageId, ...(at ? { at: `${at}T12:00:00Z` } : {}) }, 200);
  const prepOf = async (applicationId: string, status: string, u = user) =>
    ((await get(`/tasks?applicationId=${applicationId}&status=${status}&limit=200`, u)).items as Task[]).filter((task) => task.origin === 'checklist');
  const dueIds = async (u = user) => ((await get('/tasks/due?limit=200', u)).items as Task[]).map((task) => task.id);
  /** The calendar feed as a calendar app fetches it: no token, the URL is the secret. */
  const feedUids = async () =>
    new ICAL.Component(ICAL.parse((await t.http().get(feedPath).expect(200)).text)).getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
  /** Asks for a new briefing version and waits for the worker to render it. */
  const briefing = async (interviewId: string) => {
    const queued = await post(`/interviews/${interviewId}/briefings`, {}, 202);
    const ready = await waitFor(async () => {
      const b = await get(`/briefings/${queued.id}`);
      return b.status === 'ready' || b.status === 'failed' ? b : undefined;
    });
    expect(ready.status).toBe('ready');
    const md = (await t.http().get(`/briefings/${queued.id}/markdown`).set(user.auth).expect(200)).text;
    return { content: ready.content, md } as { content: any; md: string };
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    user = await registerUser(t);
    await patch('/me', { timeZone: 'UTC' });
  });
  afterAll(() => t.close());

  it('1. imports LinkedIn connections (Bob the referrer, Rita the recruiter, at DeepMind), adds Core and Applied, and Ada', async () => {
    const report = await importLinkedIn([
      'Bob,Kahn,https://www.linkedin.com/in/bob-kahn,bob@example.org,DeepMind,Research Engineer,12 Mar 2024',
      'Rita,Recruiter,https://www.linkedin.com/in/rita-recruiter,,DeepMind,Technical Recruiter,03 Jun 2025',
    ]);
    expect(report).toMatchObject({ created: 2, updated: 0, skipped: 0 });
    const orgs = await organizations();
    expect(orgs.map((o) => o.name)).toEqual(['DeepMind']);
    ids.deepmind = orgs[0].id;
    ids.core = (await post(`/organizations/${ids.deepmind}/teams`, { name: 'Core' })).id;
    ids.applied = (await post(`/organizations/${ids.deepmind}/teams`, { name: 'Applied' })).id;

    const people = (await get('/people?limit=50')).items as { id: string; fullName: string; organization: { id: string } | null }[];
    expect(people.map((p) => [p.fullName, p.organization?.id])).toEqual([
      ['Bob Kahn', ids.deepmind],
      ['Rita Recruiter', ids.deepmind],
    ]);
    ids.bob = people[0].id;
    ids.rita = people[1].id;
    await patch(`/people/${ids.bob}`, { teamId: ids.applied });
    ids.ada = (await post('/people', { fullName: 'Ada Lovelace', organizationId: ids.deepmind, teamId: ids.core, headline: 'Team lead, Core' })).id;
    ids.grace = (await post('/people', { fullName: 'Grace Hopper', organizationId: ids.deepmind, headline: 'Senior team lead' })).id;
  });

  it("2. applies on the research lab's seven-stage loop with Rita; Bob's referral, offered weeks ago and typed in today, dates his ask (point 8)", async () => {
    const builtIn = (await get('/stage-templates/built-in')) as { key: string; stages: { type: string }[] }[];
    const loop = builtIn.find((b) => b.key === 'research-engineer')!;
    expect(loop.stages.map((s) => s.type)).toEqual(['recruiter', 'quiz', 'quiz', 'coding', 'team_lead', 'senior_lead', 'culture']);
    const template = await post('/stage-templates', { fromBuiltIn: 'research-engineer', organizationId: ids.deepmind });
    const application = await post('/applications', { organizationId: ids.deepmind, teamId: ids.core, role: 'Research Engineer', templateId: template.id, appliedOn: day(-72), recruiterId: ids.rita });
    ids.first = application.id;
    coreStages = application.stages;
    expect(coreStages).toHaveLength(7);
    expect(application.recruiter).toMatchObject({ id: ids.rita });

    // Bob offered on day -75, submitted it on day -70; the user records both today.
    const referral = await post('/referrals', { applicationId: ids.first, referrerId: ids.bob, status: 'offered', on: day(-75), notes: 'Bob passed my CV to the Core lead' });
    ids.referral = referral.id;
    await patch(`/referrals/${referral.id}`, { status: 'submitted', on: day(-70) });
    const bob = await get(`/people/${ids.bob}`);
    expect(bob.asks).toEqual({ count: 1, lastAskedAt: `${day(-75)}T00:00:00.000Z` });
    expect(bob.nextFollowUpReason).toEqual(expect.stringContaining('Thank Bob Kahn'));
  });

  it('3. passes recruiter chat, quizzes, coding, team lead (notes on Ada) and senior lead: each last outcome suggests the move, one call accepts it (points 3, 5)', async () => {
    feedPath = new URL((await post('/calendar/feed', {})).url).pathname;
    const panels: Record<string, string[]> = { recruiter: [ids.rita], team_lead: [ids.ada], senior_lead: [ids.grace] };
    let date = -68;
    for (const [index, stage] of coreStages.slice(0, 6).entries()) {
      const interviewId = await schedule(stage.id, day(date), panels[stage.type] ?? []);
      if (stage.type === 'team_lead') {
        ids.coreTeamLead = interviewId;
        const notes = { asked: 'How would you evaluate a world model without a simulator?', howItWent: 'Warm; she pushed hard on ablations', followUp: 'Send her the offline-evaluation write-up' };
        const withNotes = await put(`/interviews/${interviewId}/interviewers/${ids.ada}/notes`, notes);
        expect(withNotes.interviewers).toEqual([expect.objectContaining({ id: ids.ada, notes: expect.objectContaining(notes) })]);
      }
      // Nothing moves by itself: the outcome only suggests.
      const suggestion = await outcome(interviewId, 'passed');
      expect(suggestion).toEqual({ move: 'advance', applicationId: ids.first, fromStageId: stage.id, reason: `Passed the last interview of "${stage.name}": advance to "${coreStages[index + 1].name}"` });
      expect((await get(`/applications/${ids.first}`)).currentStage.id).toBe(stage.id);
      const moved = await accept(suggestion, day(date + 1));
      expect(moved.currentStage).toMatchObject({ id: coreStages[index + 1].id, status: 'current' });
      // Accepted once; the same suggestion again (a second tab) changes nothing.
      expect((await t.http().post(`/applications/${ids.first}/moves`).set(user.auth).send({ move: suggestion.move, fromStageId: suggestion.fromStageId }).expect(409)).body.code).toBe('application.stale-move');
      date += 4;
    }
    const ada = await get(`/interviews/${ids.coreTeamLead}`);
    expect(ada.interviewers[0].notes).toMatchObject({ asked: 'How would you evaluate a world model without a simulator?' });

    // Weeks of prep, each due the day before its stage's interview: overdue now, in the due list and the feed.
    const dated = (await prepOf(ids.first, 'open')).filter((task) => task.dueOn !== null);
    expect(new Set(dated.map((task) => task.stage!.id))).toEqual(new Set(coreStages.slice(0, 6).map((stage) => stage.id)));
    expect(await dueIds()).toEqual(expect.arrayContaining(dated.map((task) => task.id)));
    expect(await feedUids()).toEqual(expect.arrayContaining(dated.map((task) => `task-${task.id}@dossier`)));
  });

  it('4. fails people & culture: the failed interview suggests fail, the pencilled-in follow-up is cancelled and not upcoming; a retrospective is written (points 4, 6)', async () => {
    const culture = stageOf(coreStages, 'culture');
    ids.coreCulture = await schedule(culture.id, day(-44), [ids.rita]);
    // A second conversation the recruiter had pencilled in for next week, cancelled by the lab.
    ids.cancelled = await schedule(culture.id, day(4), [ids.rita]);
    const upcomingIds = async (query = '') => ((await get(`/interviews?when=upcoming&days=30${query}`)).items as { id: string }[]).map((i) => i.id);
    expect(await upcomingIds()).toEqual([ids.cancelled]);
    await outcome(ids.cancelled, 'cancelled');
    expect(await upcomingIds()).toEqual([]);
    expect(await upcomingIds('&includeCancelled=true')).toEqual([ids.cancelled]);

    // Every stage's prep is dated now, all of it overdue: what the fail must settle.
    firstLoopPrep = await prepOf(ids.first, 'open');
    expect(firstLoopPrep.length).toBeGreaterThanOrEqual(20);
    expect(firstLoopPrep.every((task) => task.dueOn !== null && task.dueOn < day(0))).toBe(true);
    expect(await dueIds()).toEqual(expect.arrayContaining(firstLoopPrep.map((task) => task.id)));

    // The cancelled one is later but did not happen: the held interview is the stage's last.
    const suggestion = await outcome(ids.coreCulture, 'failed');
    expect(suggestion).toEqual({ move: 'fail', applicationId: ids.first, fromStageId: culture.id, reason: 'Failed the last interview of "People & culture": mark the stage failed' });
    const rejected = await accept(suggestion, day(-43));
    expect(rejected).toMatchObject({ status: 'rejected', currentStage: { id: culture.id, status: 'failed' } });

    const retro = { wentWell: 'Why this lab: specific and sincere', wentBadly: 'My conflict story had no outcome', doDifferently: 'Rehearse three STAR stories, each ending with a number' };
    const saved = await put(`/applications/${ids.first}/stages/${culture.id}/retrospective`, retro);
    expect(saved).toMatchObject({ ...retro, stage: { id: culture.id, type: 'culture', status: 'failed' } });
  });

  it('5. reroutes to Applied with the referral and recruiter carried; the rejected loop leaves the due list and the feed, its prep kept as closed (points 1, 2)', async () => {
    const rerouted = await post(`/applications/${ids.first}/reroute`, { teamId: ids.applied, at: `${day(-40)}T09:00:00Z`, carryReferral: true, carryRecruiter: true });
    ids.second = rerouted.id;
    appliedStages = rerouted.stages;
    expect(appliedStages.map((s) => s.type)).toEqual(['team_lead', 'culture']);
    expect(rerouted).toMatchObject({ status: 'active', team: { id: ids.applied }, recruiter: { id: ids.rita } });
    expect(rerouted.referrals).toEqual([expect.objectContaining({ referrer: expect.objectContaining({ id: ids.bob }), status: 'submitted' })]);
    const carried = await get(`/referrals/${rerouted.referrals[0].id}`);
    ids.carried = carried.id;
    expect(carried).toMatchObject({ statusDates: { offered: day(-75), submitted: day(-70) }, carriedFrom: { id: ids.referral, application: { id: ids.first, status: 'rejected' } } });
    expect((await get(`/referrals/${ids.referral}`)).carriedTo).toEqual([expect.objectContaining({ id: ids.carried })]);
    // Carrying it is not asking Bob again.
    expect((await get(`/people/${ids.bob}`)).asks).toEqual({ count: 1, lastAskedAt: `${day(-75)}T00:00:00.000Z` });

    // Nothing of the rejected loop is due any more, nor in the calendar.
    const due = await dueIds();
    for (const task of firstLoopPrep) expect(due).not.toContain(task.id);
    const uids = await feedUids();
    for (const task of firstLoopPrep) expect(uids).not.toContain(`task-${task.id}@dossier`);
    expect(uids).toContain(`interview-${ids.cancelled}@dossier`);
    // Kept, marked closed with the application.
    expect(await prepOf(ids.first, 'open')).toEqual([]);
    const closed = await prepOf(ids.first, 'closed');
    expect(closed.map((task) => task.id).sort()).toEqual(firstLoopPrep.map((task) => task.id).sort());
    expect(closed.every((task) => task.status === 'closed' && task.closedReason === 'rejected')).toBe(true);
  });

  it("6. briefs the Applied team lead interview with Ada and Bob: Ada's earlier meeting with the notes, Bob's referral; the culture interview's briefing has the lessons (points 2, 3, 4)", async () => {
    ids.appliedTeamLead = await schedule(stageOf(appliedStages, 'team_lead').id, day(7), [ids.ada, ids.bob]);
    ids.appliedCulture = await schedule(stageOf(appliedStages, 'culture').id, day(14), [ids.rita]);
    expect(((await get('/interviews?when=upcoming&days=30')).items as { id: string }[]).map((i) => i.id)).toEqual([ids.appliedTeamLead, ids.appliedCulture]);
    // The new loop's "read the team lead's papers" task is tied to this interview's reading checklist.
    const readingTask = ((await get(`/tasks?applicationId=${ids.second}&status=open&limit=200`)).items as (Task & { title: string; reading: any })[]).find((task) => task.reading);
    expect(readingTask).toMatchObject({ title: "Read the team lead's most cited and first-author papers", stage: { id: stageOf(appliedStages, 'team_lead').id } });
    expect(readingTask!.reading).toMatchObject({ interviewId: ids.appliedTeamLead, reached: false });
    expect(readingTask!.reading.interviewers.map((p: { id: string }) => p.id).sort()).toEqual([ids.ada, ids.bob].sort());
    // Ada's page lists every meeting with her, the first loop's with its notes.
    const adaMeetings = await get(`/people/${ids.ada}/meetings`);
    expect(adaMeetings.map((m: { interviewId: string; outcome: string }) => [m.interviewId, m.outcome])).toEqual([
      [ids.appliedTeamLead, 'pending'],
      [ids.coreTeamLead, 'passed'],
    ]);
    expect(adaMeetings[1]).toMatchObject({ application: { id: ids.first }, stage: { type: 'team_lead' }, notes: { followUp: 'Send her the offline-evaluation write-up' } });

    const teamLead = await briefing(ids.appliedTeamLead);
    const ada = teamLead.content.interviewers.find((p: { id: string }) => p.id === ids.ada);
    const bob = teamLead.content.interviewers.find((p: { id: string }) => p.id === ids.bob);
    expect(ada.earlierMeetings).toEqual([
      expect.objectContaining({
        interviewId: ids.coreTeamLead,
        startsAt: `${day(-52)}T10:00:00.000Z`,
        application: expect.objectContaining({ id: ids.first, team: 'Core', status: 'rejected' }),
        stage: expect.objectContaining({ name: 'Team lead interview', type: 'team_lead', status: 'passed' }),
        outcome: 'passed',
        notes: expect.objectContaining({ howItWent: 'Warm; she pushed hard on ablations', followUp: 'Send her the offline-evaluation write-up' }),
      }),
    ]);
    expect(bob.earlierMeetings).toEqual([]);
    expect(bob.referredYou).toEqual([expect.objectContaining({ applicationId: ids.second, team: 'Applied', status: 'submitted', on: day(-70) })]);
    const adaSection = teamLead.md.slice(teamLead.md.indexOf('### Ada Lovelace'), teamLead.md.indexOf('### Bob Kahn'));
    expect(adaSection).toContain('#### You met them before');
    expect(adaSection).toContain(`- ${printed(day(-52))}: Team lead interview (team lead) for Research Engineer at DeepMind, Core — passed`);
    expect(adaSection).toContain('  - How it went: Warm; she pushed hard on ablations');
    const bobSection = teamLead.md.slice(teamLead.md.indexOf('### Bob Kahn'));
    expect(bobSection).toContain(`- **Referred you:** for Research Engineer at DeepMind (Applied), submitted on ${printed(day(-70))} — Bob passed my CV to the Core lead`);
    expect(bobSection).not.toContain('You met them before');
    // The lessons belong to culture stages, not this one.
    expect(teamLead.content.retrospectives).toEqual([]);

    const culture = await briefing(ids.appliedCulture);
    expect(culture.content.retrospectives).toEqual([expect.objectContaining({ application: expect.objectContaining({ id: ids.first, team: 'Core' }), wentBadly: 'My conflict story had no outcome' })]);
    expect(culture.md).toContain('### What you learned at earlier culture stages');
    expect(culture.md).toContain('  - Do differently: Rehearse three STAR stories, each ending with a number');
    // Rita ran the culture interview that failed: it is an earlier meeting, with its outcome.
    const rita = culture.content.interviewers.find((p: { id: string }) => p.id === ids.rita);
    expect(rita.earlierMeetings.map((m: { interviewId: string; outcome: string }) => [m.interviewId, m.outcome])).toEqual([
      [ids.coreCulture, 'failed'],
      [expect.any(String), 'passed'],
    ]);
  });

  it('7. re-imports LinkedIn with Bob at "Google DeepMind": no empty organization, then the alias matches it (point 7)', async () => {
    const before = await organizations();
    // Without the alias: Bob stays at DeepMind, the file's name is reported, no organization appears.
    const bobRow = 'Bob,Kahn,https://www.linkedin.com/in/bob-kahn,bob@example.org,Google DeepMind,Research Engineer,12 Mar 2024';
    const unknown = await importLinkedIn([bobRow]);
    expect(unknown).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    expect(unknown.warnings).toEqual([expect.objectContaining({ problem: expect.stringContaining('"Google DeepMind" is none of your organizations') })]);
    expect(await organizations()).toEqual(before);

    await patch(`/organizations/${ids.deepmind}`, { aliases: ['Google DeepMind'] });
    // With it: Bob is known as he is, and a new contact at "Google DeepMind" joins DeepMind.
    const known = await importLinkedIn([bobRow, 'Cy,Young,https://www.linkedin.com/in/cy-young,,Google DeepMind,Research Scientist,02 Dec 2026']);
    expect(known).toMatchObject({ created: 1, updated: 0, skipped: 1, skips: [expect.objectContaining({ reason: 'already up to date (Bob Kahn)' })] });
    expect(known.warnings ?? []).toEqual([]);
    const after = await organizations();
    expect(after.map((o) => o.id)).toEqual([ids.deepmind]);
    expect(after[0].aliases).toEqual(['Google DeepMind']);
    // Bob is still at DeepMind, on the Applied team the user put him on.
    expect(await get(`/people/${ids.bob}`)).toMatchObject({ organization: { id: ids.deepmind }, team: { id: ids.applied } });
    const cy = ((await get('/people?q=young')).items as { organization: { id: string } }[])[0];
    expect(cy.organization.id).toBe(ids.deepmind);
  });

  it('8. passes the Applied loop as suggested to an offer; the export carries the whole story into another account', async () => {
    const teamLead = await outcome(ids.appliedTeamLead, 'passed');
    expect(teamLead).toMatchObject({ move: 'advance', fromStageId: stageOf(appliedStages, 'team_lead').id });
    // A move asked from a stage the application has not reached yet is refused, and says so.
    const early = await t.http().post(`/applications/${ids.second}/moves`).set(user.auth).send({ move: 'pass', fromStageId: stageOf(appliedStages, 'culture').id }).expect(409);
    expect(early.body).toMatchObject({ code: 'application.stale-move', message: expect.stringContaining('a stage the application has not entered') });
    await accept(teamLead);
    const culture = await outcome(ids.appliedCulture, 'passed');
    expect(culture).toMatchObject({ move: 'pass', fromStageId: stageOf(appliedStages, 'culture').id });
    await accept(culture);
    const offer = await post(`/applications/${ids.second}/moves`, { move: 'offer' }, 200);
    expect(offer.status).toBe('offer');
    expect(offer.history.map((m: { move: string }) => m.move)).toEqual(expect.arrayContaining(['reroute', 'fail', 'advance', 'pass', 'offer']));

    exported = await get('/export');
    const target = await registerUser(t);
    const imported = await post('/imports/dossier', exported, 201, target);
    expect(imported.report).toMatchObject({ skipped: 0, skips: [] });
    expect(withoutIds(await get('/export', target))).toEqual(withoutIds(exported));

    // What the user sees in the new account: the same story.
    const orgs = await organizations(target);
    expect(orgs.map((o) => [o.name, o.aliases])).toEqual([['DeepMind', ['Google DeepMind']]]);
    const apps = (await get('/applications', target)).items as { id: string; status: string; team: { name: string } }[];
    expect(apps.map((a) => [a.team.name, a.status]).sort()).toEqual([
      ['Applied', 'offer'],
      ['Core', 'rejected'],
    ]);
    const [first, second] = ['Core', 'Applied'].map((team) => apps.find((a) => a.team.name === team)!.id);
    const people = (await get('/people?limit=50', target)).items as { id: string; fullName: string }[];
    const idOf = (name: string) => people.find((p) => p.fullName === name)!.id;

    // The referral carried with its history; Bob's ask dated by it.
    const referrals = (await get('/referrals', target)).items as { id: string; application: { id: string }; carriedFrom: { id: string } | null; statusDates: object }[];
    const carried = referrals.find((r) => r.application.id === second)!;
    expect(carried).toMatchObject({ statusDates: { offered: day(-75), submitted: day(-70) }, carriedFrom: { application: { id: first } } });
    expect((await get(`/applications/${second}`, target)).recruiter.fullName).toBe('Rita Recruiter');
    expect((await get(`/people/${idOf('Bob Kahn')}`, target)).asks).toEqual({ count: 1, lastAskedAt: `${day(-75)}T00:00:00.000Z` });
    // The notes on Ada, the retrospective.
    const meetings = await get(`/people/${idOf('Ada Lovelace')}/meetings`, target);
    expect(meetings.map((m: { application: { id: string }; outcome: string }) => [m.application.id, m.outcome])).toEqual([
      [second, 'passed'],
      [first, 'passed'],
    ]);
    expect(meetings[1].notes).toMatchObject({ asked: 'How would you evaluate a world model without a simulator?', followUp: 'Send her the offline-evaluation write-up' });
    expect(await get('/retrospectives?stageType=culture', target)).toEqual([expect.objectContaining({ wentBadly: 'My conflict story had no outcome', application: expect.objectContaining({ id: first }) })]);
    // Closed tasks still closed, and out of the due list.
    const closed = await prepOf(first, 'closed', target);
    expect(closed).toHaveLength((await prepOf(ids.first, 'closed')).length);
    expect(closed.every((task) => task.closedReason === 'rejected')).toBe(true);
    expect(await prepOf(first, 'open', target)).toEqual([]);
    const due = await dueIds(target);
    for (const task of closed) expect(due).not.toContain(task.id);
  });
});
