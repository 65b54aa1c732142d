import { parse } from 'csv-parse/sync';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A realistic pipeline built through the API, with every time backdated to midnight UTC a known
 * number of days ago (the user's time zone is UTC), so days in stage and median days are exact.
 */
const DAY = 86_400_000;
const midnight = (daysAgo: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
};
const at = (daysAgo: number) => midnight(daysAgo).toISOString();
const date = (daysAgo: number) => at(daysAgo).slice(0, 10);

const RE = 'Research lab loop: Research Engineer';
const STANDARD = 'Standard loop';
const REROUTE = 'Rerouted: team match';
const QUIZ = 'Quiz: maths, statistics, CS and ML';
/** A note with a comma, quotes, a newline and an accent: the CSV must carry it unchanged. */
const TRICKY_NOTE = 'Quiz below the bar, "close" call\nRecruiter suggested Applied — café';
/** A note a spreadsheet would run as a formula. */
const FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")';

interface Stage {
  id: string;
  name: string;
  type: string;
  status: string;
  position: number;
}
interface App {
  id: string;
  updatedAt: string;
  stages: Stage[];
  currentStage: Stage;
  organization: { id: string; name: string };
  team: { id: string; name: string } | null;
  role: string;
  status: string;
  source: string;
  appliedOn: string;
  closedOn: string | null;
  templateName: string;
  reroutedFromId: string | null;
  allowedMoves: string[];
}

describe('applications: board, funnel and CSV export', () => {
  let t: TestApp;
  let user: TestUser;
  let other: TestUser;
  let frontier: { id: string; name: string; teams: { id: string; name: string }[] };
  let quiet: { id: string; name: string; teams: { id: string; name: string }[] };
  /** The applications by their part in the story; refreshed after setup. */
  const apps: Record<string, App> = {};
  let nextInterviewAt: string;

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const teamOf = (org: typeof frontier, name: string) => org.teams.find((x) => x.name === name)!.id;
  const apply = async (body: object) => (await post(user, '/applications', body).expect(201)).body as App;
  const move = async (id: string, kind: string, daysAgo: number, note?: string) => post(user, `/applications/${id}/moves`, { move: kind, at: at(daysAgo), note }).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    other = await registerUser(t);
    const org = async (name: string, teams: string[]) => {
      const o = (await post(user, '/organizations', { name }).expect(201)).body;
      for (const team of teams) await post(user, `/organizations/${o.id}/teams`, { name: team }).expect(201);
      return (await get(user, `/organizations/${o.id}`).expect(200)).body;
    };
    frontier = await org('Frontier Lab', ['Core', 'Applied']);
    quiet = await org('Quiet Lab', ['Research']);
    const re = { role: 'Research Engineer', builtInTemplate: 'research-engineer' };

    // Frontier, Core: quizzes passed, second quiz failed, rerouted to Applied where the team lead interview is under way.
    apps.failed = await apply({ organizationId: frontier.id, teamId: teamOf(frontier, 'Core'), source: 'referral', appliedOn: date(60), ...re });
    await move(apps.failed.id, 'advance', 55);
    await move(apps.failed.id, 'advance', 45);
    await move(apps.failed.id, 'fail', 40, TRICKY_NOTE);
    apps.rerouted = (await post(user, `/applications/${apps.failed.id}/reroute`, { teamId: teamOf(frontier, 'Applied'), at: at(38), note: FORMULA_NOTE }).expect(201)).body;

    // Frontier, Core: the long loop up to the team lead interview.
    apps.teamLead = await apply({ organizationId: frontier.id, teamId: teamOf(frontier, 'Core'), appliedOn: date(50), ...re });
    for (const daysAgo of [48, 44, 41, 35]) await move(apps.teamLead.id, 'advance', daysAgo);

    // Quiet Lab: the standard loop all the way to an offer.
    apps.offer = await apply({ organizationId: quiet.id, teamId: teamOf(quiet, 'Research'), role: 'Engineer, Research Infrastructure', source: 'recruiter_outreach', appliedOn: date(30), builtInTemplate: 'default' });
    for (const daysAgo of [26, 20, 14]) await move(apps.offer.id, 'advance', daysAgo);
    await move(apps.offer.id, 'offer', 7, 'Offer call');

    // Frontier, Applied: withdrawn the day after applying.
    apps.withdrawn = await apply({ organizationId: frontier.id, teamId: teamOf(frontier, 'Applied'), role: 'Research Engineer', appliedOn: date(25), builtInTemplate: 'default' });
    await move(apps.withdrawn.id, 'withdraw', 24, 'Chose to focus on Frontier Core');

    // Frontier, Core: recruiter chat passed, then into the quiz.
    apps.quiz = await apply({ organizationId: frontier.id, teamId: teamOf(frontier, 'Core'), appliedOn: date(20), ...re });
    await move(apps.quiz.id, 'pass', 17);
    await move(apps.quiz.id, 'advance', 12);

    // Quiet Lab, no team: in the recruiter screen, with interviews around it.
    apps.screen = await apply({ organizationId: quiet.id, role: 'Member of Technical Staff', appliedOn: date(10), builtInTemplate: 'default' });

    // Quiet Lab: just applied to the research loop.
    apps.fresh = await apply({ organizationId: quiet.id, teamId: teamOf(quiet, 'Research'), appliedOn: date(3), ...re });

    // Interviews (their API belongs to another module): only the next pending one to come counts.
    nextInterviewAt = new Date(Date.now() + 2 * DAY).toISOString();
    const interview = (app: App, startsAt: string, outcome: string) =>
      t.db.query(`INSERT INTO interviews (user_id, application_id, stage_id, starts_at, time_zone, duration_minutes, format, outcome) VALUES ($1, $2, $3, $4, 'UTC', 45, 'video', $5)`, [
        user.id,
        app.id,
        app.currentStage.id,
        startsAt,
        outcome,
      ]);
    await interview(apps.screen, at(9), 'pending');
    await interview(apps.screen, new Date(Date.now() + 1 * DAY).toISOString(), 'cancelled');
    await interview(apps.screen, new Date(Date.now() + 5 * DAY).toISOString(), 'pending');
    await interview(apps.screen, nextInterviewAt, 'pending');
    await interview(apps.quiz, at(11), 'passed');

    for (const key of Object.keys(apps)) apps[key] = (await get(user, `/applications/${apps[key].id}`).expect(200)).body;
  });
  afterAll(() => t.close());

  const card = (a: App, daysInStage: number, next: string | null = null) => ({
    id: a.id,
    organization: a.organization,
    team: a.team,
    role: a.role,
    status: a.status,
    currentStage: { id: a.currentStage.id, name: a.currentStage.name, type: a.currentStage.type, status: a.currentStage.status, position: a.currentStage.position },
    enteredAt: at(daysInStage),
    daysInStage,
    nextInterviewAt: next,
    updatedAt: a.updatedAt,
    // The same moves as the application's own page offers.
    allowedMoves: a.allowedMoves,
  });
  const stageColumn = (key: string, stageType: string, cards: object[]) => ({ key, kind: 'stage', stageType, status: 'active', cards });
  const statusColumn = (status: string, cards: object[] = []) => ({ key: status, kind: 'status', stageType: null, status, cards });

  describe('GET /applications/board', () => {
    it('shows active applications by current stage (loops sharing a stage name share its column), then offers; longest in stage first', async () => {
      const board = (await get(user, '/applications/board').expect(200)).body;
      expect(board).toEqual({
        columns: [
          stageColumn('Recruiter chat', 'recruiter', [card(apps.fresh, 3)]),
          stageColumn('Recruiter screen', 'recruiter', [card(apps.screen, 10, nextInterviewAt)]),
          stageColumn(QUIZ, 'quiz', [card(apps.quiz, 12)]),
          // Position 0 of the reroute loop and 4 of the research loop: one column, placed where the full loop has it.
          stageColumn('Team lead interview', 'team_lead', [card(apps.rerouted, 38), card(apps.teamLead, 35)]),
          statusColumn('offer', [card(apps.offer, 14)]),
        ],
      });
      expect(apps.offer.currentStage).toMatchObject({ name: 'Final round', status: 'passed' });
      // Where the loop is decides the moves: a stage under way, a passed one with more to come, an offer.
      const moves = (a: App) => board.columns.flatMap((c: { cards: { id: string; allowedMoves: string[] }[] }) => c.cards).find((c: { id: string }) => c.id === a.id).allowedMoves;
      expect(moves(apps.fresh)).toEqual(['pass', 'fail', 'advance', 'withdraw']);
      expect(moves(apps.offer)).toEqual(['accept', 'decline', 'withdraw']);
    });

    it('adds the ended loops with ?closed=true, and filters by organization', async () => {
      const closed = (await get(user, '/applications/board?closed=true').expect(200)).body;
      expect(closed.columns.map((c: { key: string }) => c.key)).toEqual(['Recruiter chat', 'Recruiter screen', QUIZ, 'Team lead interview', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn']);
      expect(closed.columns.slice(5)).toEqual([statusColumn('accepted'), statusColumn('declined'), statusColumn('rejected', [card(apps.failed, 45)]), statusColumn('withdrawn', [card(apps.withdrawn, 25)])]);
      expect(apps.withdrawn.currentStage).toMatchObject({ name: 'Recruiter screen', status: 'current' });

      expect((await get(user, `/applications/board?organizationId=${quiet.id}`).expect(200)).body).toEqual({
        columns: [stageColumn('Recruiter chat', 'recruiter', [card(apps.fresh, 3)]), stageColumn('Recruiter screen', 'recruiter', [card(apps.screen, 10, nextInterviewAt)]), statusColumn('offer', [card(apps.offer, 14)])],
      });
      expect((await get(user, '/applications/board?closed=false').expect(200)).body.columns).toHaveLength(5);
    });

    it('refuses bad filters', async () => {
      const res = await get(user, '/applications/board?closed=yes&organizationId=nope').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['closed', 'organizationId']);
    });
  });

  describe('GET /applications/funnel', () => {
    const row = (name: string, type: string, reached: number, passed: number, failed: number, current: number, conversion: number | null, medianDays: number | null) => ({ name, type, reached, passed, failed, current, conversion, medianDays });
    const typeRow = (type: string, reached: number, passed: number, failed: number, current: number, conversion: number | null, medianDays: number | null) => ({ type, reached, passed, failed, current, conversion, medianDays });
    const zero = (name: string, type: string) => row(name, type, 0, 0, 0, 0, null, null);

    const frontierSection = {
      stages: [
        row('Recruiter chat', 'recruiter', 3, 3, 0, 0, 1, 3), // left after 5, 3 and 2 days
        row('Recruiter screen', 'recruiter', 1, 0, 0, 0, null, 1), // withdrawn after a day: left, neither passed nor failed
        row(QUIZ, 'quiz', 3, 2, 0, 1, 1, 7), // 10 and 4 days
        zero('Technical interview', 'coding'),
        zero('Hiring manager', 'team_lead'),
        row('Second quiz', 'quiz', 2, 1, 1, 0, 0.5, 4), // failed after 5 days, passed after 3
        row('Coding interview', 'coding', 1, 1, 0, 0, 1, 6),
        zero('Final round', 'culture'),
        row('Team lead interview', 'team_lead', 2, 0, 0, 2, null, null), // the rerouted loop's first stage and the long loop's fifth: placed by the long loop
        zero('Senior team lead interview', 'senior_lead'),
        zero('People & culture', 'culture'),
      ],
      types: [
        typeRow('recruiter', 4, 3, 0, 0, 1, 2.5), // 5, 3, 2, 1
        typeRow('quiz', 5, 3, 1, 1, 0.75, 4.5), // 10, 4, 5, 3
        typeRow('coding', 1, 1, 0, 0, 1, 6),
        typeRow('team_lead', 2, 0, 0, 2, null, null),
        typeRow('senior_lead', 0, 0, 0, 0, null, null),
        typeRow('culture', 0, 0, 0, 0, null, null),
      ],
    };
    const quietSection = {
      stages: [
        row('Recruiter chat', 'recruiter', 1, 0, 0, 1, null, null),
        row('Recruiter screen', 'recruiter', 2, 1, 0, 1, 1, 4),
        zero(QUIZ, 'quiz'),
        row('Technical interview', 'coding', 1, 1, 0, 0, 1, 6),
        row('Hiring manager', 'team_lead', 1, 1, 0, 0, 1, 6),
        zero('Second quiz', 'quiz'),
        zero('Coding interview', 'coding'),
        row('Final round', 'culture', 1, 1, 0, 0, 1, 7),
        zero('Team lead interview', 'team_lead'),
        zero('Senior team lead interview', 'senior_lead'),
        zero('People & culture', 'culture'),
      ],
      types: [
        typeRow('recruiter', 3, 1, 0, 2, 1, 4),
        typeRow('quiz', 0, 0, 0, 0, null, null),
        typeRow('coding', 1, 1, 0, 0, 1, 6),
        typeRow('team_lead', 1, 1, 0, 0, 1, 6),
        typeRow('senior_lead', 0, 0, 0, 0, null, null),
        typeRow('culture', 1, 1, 0, 0, 1, 7),
      ],
    };

    it('counts every stage of every application, overall and per organization, with conversion and median days', async () => {
      const funnel = (await get(user, '/applications/funnel').expect(200)).body;
      expect(funnel.overall).toEqual({
        stages: [
          row('Recruiter chat', 'recruiter', 4, 3, 0, 1, 1, 3), // 5, 3, 2
          row('Recruiter screen', 'recruiter', 3, 1, 0, 1, 1, 2.5), // 4, 1
          row(QUIZ, 'quiz', 3, 2, 0, 1, 1, 7),
          row('Technical interview', 'coding', 1, 1, 0, 0, 1, 6),
          row('Hiring manager', 'team_lead', 1, 1, 0, 0, 1, 6),
          row('Second quiz', 'quiz', 2, 1, 1, 0, 0.5, 4),
          row('Coding interview', 'coding', 1, 1, 0, 0, 1, 6),
          row('Final round', 'culture', 1, 1, 0, 0, 1, 7),
          row('Team lead interview', 'team_lead', 2, 0, 0, 2, null, null),
          zero('Senior team lead interview', 'senior_lead'),
          zero('People & culture', 'culture'),
        ],
        types: [
          typeRow('recruiter', 7, 4, 0, 2, 1, 3), // 5, 3, 2, 4, 1
          typeRow('quiz', 5, 3, 1, 1, 0.75, 4.5),
          typeRow('coding', 2, 2, 0, 0, 1, 6),
          typeRow('team_lead', 3, 1, 0, 2, 1, 6),
          typeRow('senior_lead', 0, 0, 0, 0, null, null),
          typeRow('culture', 1, 1, 0, 0, 1, 7),
        ],
      });
      expect(funnel.organizations).toEqual([
        { organization: { id: frontier.id, name: 'Frontier Lab' }, ...frontierSection },
        { organization: { id: quiet.id, name: 'Quiet Lab' }, ...quietSection },
      ]);
    });

    it('filters by organization and by applied_on range', async () => {
      const byOrg = (await get(user, `/applications/funnel?organizationId=${quiet.id}`).expect(200)).body;
      expect(byOrg).toEqual({ overall: quietSection, organizations: [{ organization: { id: quiet.id, name: 'Quiet Lab' }, ...quietSection }] });

      // Applied 21 to 5 days ago: the quiz application and the recruiter screen one.
      const range = (await get(user, `/applications/funnel?from=${date(21)}&to=${date(5)}`).expect(200)).body;
      expect(range.overall.stages.filter((s: { reached: number }) => s.reached > 0)).toEqual([row('Recruiter chat', 'recruiter', 1, 1, 0, 0, 1, 3), row('Recruiter screen', 'recruiter', 1, 0, 0, 1, null, null), row(QUIZ, 'quiz', 1, 0, 0, 1, null, null)]);
      expect(range.organizations.map((o: { organization: { name: string } }) => o.organization.name)).toEqual(['Frontier Lab', 'Quiet Lab']);

      // Both ends are included.
      const oneDay = (await get(user, `/applications/funnel?from=${date(38)}&to=${date(38)}`).expect(200)).body;
      expect(oneDay.overall.stages).toEqual([row('Team lead interview', 'team_lead', 1, 0, 0, 1, null, null), zero('People & culture', 'culture')]);
    });

    it('refuses a range that ends before it starts, and dates that are not yyyy-mm-dd', async () => {
      expect((await get(user, `/applications/funnel?from=${date(5)}&to=${date(21)}`).expect(400)).body.details).toEqual([{ field: 'to', problem: 'must not be before from' }]);
      expect((await get(user, '/applications/funnel?from=2026-02-30').expect(400)).body.details[0].field).toBe('from');
    });
  });

  describe('GET /applications/export.csv', () => {
    const COLUMNS = ['application_id', 'organization', 'team', 'role', 'source', 'status', 'applied_on', 'closed_on', 'template', 'rerouted_from_id', 'move', 'at', 'from_stage', 'to_stage', 'from_status', 'to_status', 'note'];
    const rowOf =
      (a: App, template: string) =>
      (move: string, daysAgo: number, fromStage: string | null, toStage: string, fromStatus: string | null, toStatus: string, note = '') => [
        a.id,
        a.organization.name,
        a.team?.name ?? '',
        a.role,
        a.source,
        a.status,
        a.appliedOn,
        a.closedOn ?? '',
        template,
        a.reroutedFromId ?? '',
        move,
        at(daysAgo),
        fromStage ?? '',
        toStage,
        fromStatus ?? '',
        toStatus,
        note,
      ];
    const records = (text: string) => parse(text, { bom: true }) as string[][];

    it('writes one row per move, by applied_on then time, with the application columns; notes survive commas, quotes, newlines and accents; formulas are defused', async () => {
      const res = await get(user, '/applications/export.csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="applications-${new Date().toISOString().slice(0, 10)}.csv"`);
      const failed = rowOf(apps.failed, RE);
      const teamLead = rowOf(apps.teamLead, RE);
      const rerouted = rowOf(apps.rerouted, REROUTE);
      const offer = rowOf(apps.offer, STANDARD);
      const withdrawn = rowOf(apps.withdrawn, STANDARD);
      const quiz = rowOf(apps.quiz, RE);
      expect(records(res.text)).toEqual([
        COLUMNS,
        failed('apply', 60, null, 'Recruiter chat', null, 'active'),
        failed('advance', 55, 'Recruiter chat', QUIZ, 'active', 'active'),
        failed('advance', 45, QUIZ, 'Second quiz', 'active', 'active'),
        failed('fail', 40, 'Second quiz', 'Second quiz', 'active', 'rejected', TRICKY_NOTE),
        failed('reroute', 38, 'Second quiz', 'Second quiz', 'rejected', 'rejected', `'${FORMULA_NOTE}`),
        teamLead('apply', 50, null, 'Recruiter chat', null, 'active'),
        teamLead('advance', 48, 'Recruiter chat', QUIZ, 'active', 'active'),
        teamLead('advance', 44, QUIZ, 'Second quiz', 'active', 'active'),
        teamLead('advance', 41, 'Second quiz', 'Coding interview', 'active', 'active'),
        teamLead('advance', 35, 'Coding interview', 'Team lead interview', 'active', 'active'),
        rerouted('reroute', 38, null, 'Team lead interview', null, 'active', `'${FORMULA_NOTE}`),
        offer('apply', 30, null, 'Recruiter screen', null, 'active'),
        offer('advance', 26, 'Recruiter screen', 'Technical interview', 'active', 'active'),
        offer('advance', 20, 'Technical interview', 'Hiring manager', 'active', 'active'),
        offer('advance', 14, 'Hiring manager', 'Final round', 'active', 'active'),
        offer('offer', 7, 'Final round', 'Final round', 'active', 'offer', 'Offer call'),
        withdrawn('apply', 25, null, 'Recruiter screen', null, 'active'),
        withdrawn('withdraw', 24, 'Recruiter screen', 'Recruiter screen', 'active', 'withdrawn', 'Chose to focus on Frontier Core'),
        quiz('apply', 20, null, 'Recruiter chat', null, 'active'),
        quiz('pass', 17, 'Recruiter chat', 'Recruiter chat', 'active', 'active'),
        quiz('advance', 12, 'Recruiter chat', QUIZ, 'active', 'active'),
        rowOf(apps.screen, STANDARD)('apply', 10, null, 'Recruiter screen', null, 'active'),
        rowOf(apps.fresh, RE)('apply', 3, null, 'Recruiter chat', null, 'active'),
      ]);
      // The values the rows were built from are what the API says.
      expect(apps.failed).toMatchObject({ status: 'rejected', closedOn: date(40), source: 'referral', team: { name: 'Core' } });
      expect(apps.rerouted).toMatchObject({ reroutedFromId: apps.failed.id, appliedOn: date(38), team: { name: 'Applied' }, source: 'referral' });
      expect(apps.withdrawn.closedOn).toBe(date(24));
      // Quoted on the wire, not just read back right.
      expect(res.text).toContain(`"${TRICKY_NOTE.replace(/"/g, '""')}"`);
      expect(res.text).toContain('"Engineer, Research Infrastructure"');
    });

    it('filters like GET /applications: by status and organization', async () => {
      const closed = records((await get(user, '/applications/export.csv?status=rejected,withdrawn').expect(200)).text);
      expect(closed.slice(1).map((r) => [r[0], r[10]])).toEqual([
        ...['apply', 'advance', 'advance', 'fail', 'reroute'].map((m) => [apps.failed.id, m]),
        [apps.withdrawn.id, 'apply'],
        [apps.withdrawn.id, 'withdraw'],
      ]);
      const quietRows = records((await get(user, `/applications/export.csv?organizationId=${quiet.id}`).expect(200)).text);
      expect([...new Set(quietRows.slice(1).map((r) => r[0]))]).toEqual([apps.offer.id, apps.screen.id, apps.fresh.id]);
      await get(user, '/applications/export.csv?status=hired').expect(400);
    });
  });

  it('another user sees none of it: an empty board, an empty funnel, a header-only export, even naming the organization', async () => {
    expect((await get(other, '/applications/board?closed=true').expect(200)).body).toEqual({
      columns: ['offer', 'accepted', 'declined', 'rejected', 'withdrawn'].map((s) => statusColumn(s)),
    });
    expect((await get(other, `/applications/board?organizationId=${frontier.id}`).expect(200)).body).toEqual({ columns: [statusColumn('offer')] });
    expect((await get(other, '/applications/funnel').expect(200)).body).toEqual({ overall: { stages: [], types: [] }, organizations: [] });
    expect((await get(other, `/applications/funnel?organizationId=${frontier.id}`).expect(200)).body).toEqual({ overall: { stages: [], types: [] }, organizations: [] });
    const csv = (await get(other, '/applications/export.csv').expect(200)).text;
    expect(parse(csv, { bom: true })).toEqual([['application_id', 'organization', 'team', 'role', 'source', 'status', 'applied_on', 'closed_on', 'template', 'rerouted_from_id', 'move', 'at', 'from_stage', 'to_stage', 'from_status', 'to_status', 'note']]);
    await t.http().get('/applications/board').expect(401);
  });

  it('documents the routes with their response schemas', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const ok = (path: string) => doc.paths[path].get.responses['200'].content;
    expect(ok('/applications/board')['application/json'].schema).toEqual({ $ref: '#/components/schemas/BoardResponse' });
    expect(ok('/applications/funnel')['application/json'].schema).toEqual({ $ref: '#/components/schemas/FunnelResponse' });
    expect(ok('/applications/export.csv')['text/csv'].schema).toMatchObject({ type: 'string' });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['BoardColumnDto', 'BoardCardDto', 'FunnelSectionDto', 'FunnelStageDto', 'FunnelTypeDto', 'FunnelOrganizationDto']));
  });
});
