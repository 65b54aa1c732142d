import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { QueueName } from '#domain/jobs/index';
import { WorkAttributionsService, WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { JobQueueService } from '#platform';
import { ReplayServer } from '../support/replay-server';
import { finishedRuns, OPENALEX_AUTHOR, personWithIdentities, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { workAuthor, workRecord } from '../support/work-records';

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

  it('skips a row with a field longer than a person takes, saying which, and imports the rest', async () => {
    const other = await registerUser(t);
    const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
    const csv = [header, `${'A'.repeat(100_000)},Lovelace,,,,,01 Mar 2025`, `Grace,Hopper,,,${'Navy '.repeat(100)},,01 Mar 2025`, 'Alan,Turing,,,Bletchley,Cryptanalyst,01 Mar 2025'].join('\n');
    const res = await t.http().post('/imports/linkedin').set(other.auth).set('content-type', 'text/csv').send(csv).expect(201);
    expect(res.body.report).toMatchObject({ created: 1, skipped: 2 });
    expect(res.body.report.skips).toEqual([
      { line: 2, reason: 'the name is longer than 300 characters' },
      { line: 3, reason: 'the company is longer than 200 characters' },
    ]);
  });

  it('refuses a file with nothing to import, naming why', async () => {
    const res = await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send('just,some\nrandom,csv\n').expect(400);
    expect(res.body.code).toBe('import.unreadable');
    expect(res.body.message).toMatch(/Nothing to import/);
    const json = await t.http().post('/imports/vcard').set(user.auth).send({ not: 'a file' }).expect(400);
    expect(json.body.details).toEqual([{ field: 'body', problem: expect.stringContaining('text/vcard') }]);
  });

  it('round-trips a whole account through the JSON export without losing anything, the pipeline included', async () => {
    const source = await registerUser(t);
    // The pipeline: a lab with its loop, three applications (one rerouted), interviews with
    // interviewers, prep and own tasks, a submitted referral with its thank-you suggestion, asks.
    await t.http().patch('/me').set(source.auth).send({ timeZone: 'Europe/Paris', displayName: 'Source Account' }).expect(200);
    const example = (await t.http().post('/examples/research-lab').set(source.auth).expect(201)).body;
    await t.http().post('/stage-templates').set(source.auth).send({ fromBuiltIn: 'default', name: 'My general loop' }).expect(201);
    await t.db.query("INSERT INTO tasks (user_id, title, due_on, done_at, notes) VALUES ($1, 'Update the résumé', '2026-01-10', '2026-01-09T12:00:00Z', 'done early')", [source.id]);
    const lapsed = (await t.http().post('/people').set(source.auth).send({ fullName: 'Lapsed Referrer' }).expect(201)).body;
    const declined = (await t.http().post('/referrals').set(source.auth).send({ applicationId: example.applicationIds.reroutedWithOffer, referrerId: lapsed.id, status: 'offered', on: '2026-01-02' }).expect(201)).body;
    await t.http().patch(`/referrals/${declined.id}`).set(source.auth).send({ status: 'declined', on: '2026-01-05' }).expect(200);
    const org = await t.db.query("INSERT INTO organizations (user_id, name, name_folded, research_notes, tags) VALUES ($1, 'Ünïversal Lab', 'universal lab', 'mission: AGI safely', '{lab}') RETURNING id", [source.id]);
    const team = await t.db.query("INSERT INTO teams (user_id, organization_id, name, name_folded) VALUES ($1, $2, 'Core', 'core') RETURNING id", [source.id, org[0].id]);
    await t.http().patch(`/organizations/${org[0].id}`).set(source.auth).send({ aliases: ['Universal Research', 'ÜLab'] }).expect(200);
    const ada = await t.http().post('/people').set(source.auth).send({ fullName: 'Ada Łovelace', organizationId: org[0].id, teamId: team[0].id, emails: ['ada@example.org'], phones: ['+44 20 7946 0018'], links: { orcid: '0000-0002-1825-0097' }, tags: ['math'], relationshipStage: 'engaged', nextFollowUpAt: '2026-12-01', followUpCadenceDays: 30, notes: 'Met at NeurIPS' }).expect(201);
    const gone = await t.http().post('/people').set(source.auth).send({ fullName: 'Deleted Person' }).expect(201);
    await t.http().delete(`/people/${gone.body.id}`).set(source.auth).expect(204);
    await t.db.query("INSERT INTO interactions (user_id, person_id, type, occurred_at, summary, offered, asked) VALUES ($1, $2, 'conference_chat', '2025-12-10T15:00:00Z', 'Poster chat about RL', 'sent my notes', 'an intro to her team lead')", [source.id, ada.body.id]);
    // The user's notes on an interviewer of a past interview.
    const held = (await t.http().get('/interviews?when=past').set(source.auth).expect(200)).body.items[0];
    await t.http().put(`/interviews/${held.id}/interviewers/${held.interviewers[0].id}/notes`).set(source.auth).send({ asked: 'Eigenvalues of a Markov chain', howItWent: 'Solid', followUp: null }).expect(200);

    // And a retrospective on the stage the rerouted application failed at.
    const failed = (await t.http().get(`/applications/${example.applicationIds.failedAtCoding}`).set(source.auth).expect(200)).body;
    const failedStage = failed.stages.find((s: { status: string }) => s.status === 'failed');
    await t.http().put(`/applications/${failed.id}/stages/${failedStage.id}/retrospective`).set(source.auth).send({ wentWell: 'Clear code', wentBadly: 'Ran out of time', doDifferently: 'Time-box the first solution' }).expect(200);

    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported).toMatchObject({ format: 'dossier-export', version: 3, account: { displayName: 'Source Account', timeZone: 'Europe/Paris' } });
    expect(exported.stageRetrospectives).toEqual([expect.objectContaining({ applicationId: failed.id, stageId: failedStage.id, wentBadly: 'Ran out of time' })]);
    expect(exported.people).toHaveLength(11);
    expect(exported.stageTemplates).toHaveLength(2);
    expect(exported.applications).toHaveLength(3);
    expect(exported.interviews).toHaveLength(8);
    expect(exported.referrals).toHaveLength(2);
    const offer = exported.applications.find((a: { id: string }) => a.id === example.applicationIds.reroutedWithOffer);
    expect(offer).toMatchObject({ status: 'offer', reroutedFromId: example.applicationIds.failedAtCoding, currentStageId: offer.stages[1].id, templateId: null });
    expect(offer.moves[0]).toMatchObject({ move: 'reroute', relatedApplicationId: example.applicationIds.failedAtCoding, toStageId: offer.stages[0].id });
    expect(exported.interviews.every((i: { interviewerIds: string[] }) => i.interviewerIds.length > 0)).toBe(true);
    expect(exported.tasks.some((t: { stageId: string | null; dueOn: string | null }) => t.stageId && t.dueOn)).toBe(true);
    // The failed stage's prep was settled with the rejected application, not done.
    expect(exported.tasks.filter((t: { closedReason: string | null }) => t.closedReason === 'rejected').length).toBeGreaterThan(0);
    expect(exported.tasks.every((t: { closedAt: string | null; closedReason: string | null }) => (t.closedAt === null) === (t.closedReason === null))).toBe(true);
    expect(exported.people.find((p: { fullName: string }) => p.fullName === 'Samuel Okafor').nextFollowUpReason).toBe('Thank Samuel Okafor for referring you to Example Frontier Lab');
    expect(exported.interactions.filter((i: { asked: string | null }) => i.asked)).toHaveLength(3);
    expect(exported.people.find((p: { fullName: string }) => p.fullName === 'Ada Łovelace').phones).toEqual(['+44 20 7946 0018']);
    expect(exported.interviewerNotes).toEqual([expect.objectContaining({ interviewId: held.id, personId: held.interviewers[0].id, asked: 'Eigenvalues of a Markov chain', howItWent: 'Solid', followUp: null })]);

    const target = await registerUser(t);
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    expect(imported.body.report).toMatchObject({ created: itemCount(exported), skipped: 0, skips: [] });
    const reexported = (await t.http().get('/export').set(target.auth).expect(200)).body;
    expect(withoutIds(reexported)).toEqual(withoutIds(exported));

    // And it works: the imported pipeline answers like the original.
    const board = (await t.http().get('/applications').set(target.auth).expect(200)).body;
    expect(board.items.map((a: { status: string; currentStage: { name: string } }) => [a.status, a.currentStage.name]).sort()).toEqual([
      ['active', 'Quiz: maths, statistics, CS and ML'],
      ['offer', 'People & culture'],
      ['rejected', 'Coding interview'],
    ]);
    const quiz = board.items.find((a: { status: string }) => a.status === 'active');
    const detail = (await t.http().get(`/applications/${quiz.id}`).set(target.auth).expect(200)).body;
    expect(detail.referrals).toEqual([expect.objectContaining({ status: 'submitted', referrer: expect.objectContaining({ fullName: 'Samuel Okafor' }) })]);
    expect(detail.allowedMoves.sort()).toEqual(['advance', 'fail', 'pass', 'withdraw']);
    const rejected = board.items.find((a: { status: string }) => a.status === 'rejected');
    expect((await t.http().get(`/applications/${rejected.id}`).set(target.auth).expect(200)).body.reroutedTo).toHaveLength(1);

    // Only into an empty account.
    const twice = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(409);
    expect(twice.body.code).toBe('import.account-not-empty');
  });

  it("round-trips the study module and the user's decisions on works found by name", async () => {
    const source = await registerUser(t);
    const post = async (path: string, body: object) => (await t.http().post(path).set(source.auth).send(body).expect(201)).body;
    // Study: a book with chapters and a session, a plan for an application, the bank with a drill, a mock with a friend, a story.
    const org = await post('/organizations', { name: 'Study Lab' });
    const application = await post('/applications', { organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' });
    const interview = await post('/interviews', { stageId: application.stages[0].id, startsAt: '2027-02-10T10:00:00Z', timeZone: 'UTC', durationMinutes: 45, format: 'video' });
    const book = await post('/study-resources', { kind: 'book', title: 'Elements of Programming Interviews', unit: 'pages', parts: [{ title: 'Arrays', amount: 30 }, { title: 'Graphs', amount: 40, emphasis: 'skim' }], topics: ['graphs'] });
    const paper = await post('/study-resources', { kind: 'paper', title: 'Attention Is All You Need', unit: 'pages', totalAmount: 15 });
    await post(`/study-resources/${book.id}/sessions`, { amount: 12, minutes: 50, notes: 'Two-pointer tricks' });
    const plan = await post('/study-plans', {
      applicationId: application.id,
      hoursPerWeek: 6,
      statedPace: { pages: 20 },
      items: [
        { stageId: application.stages[1].id, resourceId: book.id },
        { stageId: application.stages[2].id, resourceId: paper.id },
      ],
    });
    const asked = await post('/questions', { text: 'Detect a cycle in a linked list', topic: 'lists', interviewId: interview.id, answerNotes: 'Floyd' });
    await post(`/questions/${asked.id}/drills`, { rating: 'hard' });
    const friend = await post('/people', { fullName: 'Ada Łovelace' });
    const mock = await post('/mock-interviews', { personId: friend.id, stageType: 'coding', organizationId: org.id, heldAt: '2027-01-05T18:00:00Z', feedback: 'Think aloud', scores: [{ topic: 'graphs', score: 3 }], questionIds: [asked.id], newQuestions: [{ text: 'Design an LRU cache' }] });
    const project = await post('/resume-projects', { title: 'Cryo-EM denoiser', talkingPoints: ['3x faster'] });
    await post('/stories', { title: 'The deadline we moved', situation: 'A release slipped', competencies: ['conflict'], resumeProjectIds: [project.id] });
    // A day the daily digest went out (the worker's tick writes these; digests.e2e-spec.ts sends them): restored, that day is not sent again.
    await t.db.query("INSERT INTO digest_runs (user_id, local_date, status, composed_at, items) VALUES ($1, '2027-01-05', 'sent', '2027-01-05T07:00:00Z', 4)", [source.id]);
    // Works an arXiv name query attributes to her: one accepted, one left to the evidence (not the user's to export).
    const query = 'au:"Ada Lovelace"';
    await t.db.query("INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by) VALUES ($1, $2, 'arxiv', $3, 'Ada Łovelace', 'linked', 'user')", [source.id, friend.id, query]);
    const preprint = (id: string, title: string) => workRecord({ source: 'arxiv', sourceId: id, arxivId: id, title, type: 'preprint', year: 2026, authors: [workAuthor(1, 'C. Babbage'), workAuthor(2, 'A. Lovelace', query)] });
    const [accepted] = (await new WorksIngestService(new WorksRepository(t.db)).ingest([preprint('2603.00001', 'Notes on the Analytical Engine'), preprint('2603.00002', 'Bernoulli Numbers by Machine')])).workIds;
    await t.app.get(WorkAttributionsService).evaluatePerson(source.id, friend.id);
    await t.http().put(`/people/${friend.id}/work-attributions/${accepted}`).set(source.auth).send({ decision: 'accepted' }).expect(200);

    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported.workDecisions).toEqual([expect.objectContaining({ personId: friend.id, source: 'arxiv', sourceId: '2603.00001', arxivId: '2603.00001', decision: 'accepted' })]);
    expect(exported.studyResources.map((r: { title: string }) => r.title)).toEqual(['Elements of Programming Interviews', 'Attention Is All You Need']);
    expect(exported.studySessions).toEqual([expect.objectContaining({ resourceId: book.id, amount: 12, minutes: 50 })]);
    expect(exported.studyPlans).toEqual([expect.objectContaining({ id: plan.id, applicationId: application.id, hoursPerWeek: 6, statedPace: { pages: 20 } })]);
    expect(exported.studyPlanItems).toHaveLength(2);
    expect(exported.practiceQuestions).toHaveLength(2);
    expect(exported.practiceDrills).toEqual([expect.objectContaining({ questionId: asked.id, rating: 'hard' })]);
    expect(exported.mockInterviews).toEqual([expect.objectContaining({ id: mock.id, personId: friend.id, interactionId: mock.interactionId, questionIds: expect.arrayContaining([asked.id]) })]);
    expect(exported.mockInterviews[0].questionIds).toHaveLength(2);
    expect(exported.behaviouralStories).toEqual([expect.objectContaining({ title: 'The deadline we moved', projectIds: [project.id] })]);
    expect(exported.digestDays).toEqual([{ localDate: '2027-01-05', status: 'sent', items: 4, composedAt: '2027-01-05T07:00:00.000Z' }]);

    const target = await registerUser(t);
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    expect(imported.body.report).toMatchObject({ created: itemCount(exported), skipped: 0, skips: [] });
    expect(withoutIds((await t.http().get('/export').set(target.auth).expect(200)).body)).toEqual(withoutIds(exported));

    // And it works: her decision stands, the mock is hers and on her timeline, the plan counts the session.
    const theirAda = (await t.http().get('/people').set(target.auth).expect(200)).body.items.find((p: { fullName: string }) => p.fullName === 'Ada Łovelace').id;
    const decided = (await t.http().get(`/people/${theirAda}/work-attributions?state=accepted`).set(target.auth).expect(200)).body.items;
    expect(decided.map((a: { work: { id: string } }) => a.work.id)).toEqual([accepted]);
    const [theirMock] = (await t.http().get('/mock-interviews').set(target.auth).expect(200)).body.items;
    expect(theirMock).toMatchObject({ personId: theirAda, feedback: 'Think aloud', scores: [{ topic: 'graphs', score: 3 }] });
    expect((await t.http().get(`/people/${theirAda}/interactions`).set(target.auth).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([theirMock.interactionId]);
    const [theirBook] = (await t.http().get('/study-resources?q=Elements').set(target.auth).expect(200)).body.items;
    expect(theirBook).toMatchObject({ title: 'Elements of Programming Interviews', progress: expect.objectContaining({ doneAmount: 12, sessions: 1, minutes: 50 }) });
  });

  it('round-trips webhook endpoints without their secrets, each restored off until its owner rolls a new secret', async () => {
    const source = await registerUser(t);
    const created = (await t.http().post('/webhooks').set(source.auth).send({ url: 'https://hooks.example.org/dossier', description: 'Home server', events: ['application.moved', 'interview.created'] }).expect(201)).body;
    await t.http().post('/webhooks').set(source.auth).send({ url: 'https://other.example.org/h', events: ['task.due'], enabled: false }).expect(201);
    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported.webhookEndpoints).toEqual([
      { id: created.endpoint.id, url: 'https://hooks.example.org/dossier', description: 'Home server', events: ['application.moved', 'interview.created'], enabled: true, createdAt: expect.any(String) },
      expect.objectContaining({ url: 'https://other.example.org/h', events: ['task.due'], enabled: false }),
    ]);
    const text = JSON.stringify(exported);
    expect(text).not.toContain('whsec_');
    expect(text).not.toContain(created.secret.slice(6));

    const target = await registerUser(t);
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    expect(imported.body.report).toMatchObject({ created: itemCount(exported), skipped: 0, skips: [] });
    const back = (await t.http().get('/export').set(target.auth).expect(200)).body;
    expect(withoutIds(back)).toEqual(withoutIds({ ...exported, webhookEndpoints: exported.webhookEndpoints.map((e: object) => ({ ...e, enabled: false })) }));
    const [theirs] = (await t.http().get('/webhooks').set(target.auth).expect(200)).body.items;
    expect(theirs).toMatchObject({ url: 'https://hooks.example.org/dossier', enabled: false, disabledReason: 'restored' });
    const rolled = (await t.http().post(`/webhooks/${theirs.id}/roll-secret`).set(target.auth).send({ graceHours: 0 }).expect(200)).body;
    expect(rolled.secret).toMatch(/^whsec_/);
    expect((await t.http().patch(`/webhooks/${theirs.id}`).set(target.auth).send({ enabled: true }).expect(200)).body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('round-trips a reroute that carried a referral and the recruiter over, settled prep tasks and the reading goal', async () => {
    const source = await registerUser(t);
    const org = (await t.http().post('/organizations').set(source.auth).send({ name: 'Carry Lab' }).expect(201)).body;
    const team = async (name: string) => (await t.http().post(`/organizations/${org.id}/teams`).set(source.auth).send({ name }).expect(201)).body.id as string;
    const [core, applied] = [await team('Core'), await team('Applied')];
    const person = async (fullName: string) => (await t.http().post('/people').set(source.auth).send({ fullName }).expect(201)).body.id as string;
    const [samuel, rita] = [await person('Samuel Referrer'), await person('Rita Recruiter')];
    const app = (await t.http().post('/applications').set(source.auth).send({ organizationId: org.id, teamId: core, role: 'Research Engineer', builtInTemplate: 'research-engineer', recruiterId: rita }).expect(201)).body;
    await t.http().post('/referrals').set(source.auth).send({ applicationId: app.id, referrerId: samuel, status: 'offered', on: '2026-10-01' }).expect(201);
    await t.http().post(`/applications/${app.id}/moves`).set(source.auth).send({ move: 'fail' }).expect(200);
    const rerouted = (await t.http().post(`/applications/${app.id}/reroute`).set(source.auth).send({ teamId: applied }).expect(201)).body;
    await t.http().put('/reading/goal').set(source.auth).send({ coverageTarget: 65 }).expect(200);

    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported.account.readingCoverageTarget).toBe(65);
    const carried = exported.referrals.find((r: { applicationId: string }) => r.applicationId === rerouted.id);
    expect(carried.carriedFromId).toBe(exported.referrals.find((r: { applicationId: string }) => r.applicationId === app.id).id);
    const moves = exported.applications.flatMap((a: { moves: { move: string; carriedReferralIds: string[]; carriedRecruiter: boolean }[] }) => a.moves.filter((m) => m.move === 'reroute'));
    expect(moves.map((m: { carriedReferralIds: string[]; carriedRecruiter: boolean }) => [m.carriedReferralIds, m.carriedRecruiter])).toEqual([
      [[carried.carriedFromId], true],
      [[carried.id], true],
    ]);
    expect(exported.tasks.some((task: { closedReason: string | null }) => task.closedReason === 'rejected')).toBe(true);

    const target = await registerUser(t);
    // The carried referral first: the import links referrals once all are written.
    const reordered = { ...exported, referrals: [...exported.referrals].reverse() };
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(reordered).expect(201);
    expect(imported.body.report).toMatchObject({ created: itemCount(exported), skipped: 0, skips: [] });
    expect(withoutIds((await t.http().get('/export').set(target.auth).expect(200)).body)).toEqual(withoutIds(exported));
    const [theirs] = (await t.http().get('/referrals').set(target.auth).expect(200)).body.items.filter((r: { carriedFrom: unknown }) => r.carriedFrom);
    expect(theirs).toMatchObject({ status: 'offered', statusDates: { offered: '2026-10-01' }, application: { team: { name: 'Applied' } }, carriedFrom: { application: { status: 'rejected', team: { name: 'Core' } } } });
    expect((await t.http().get('/reading/goal').set(target.auth).expect(200)).body.coverageTarget).toBe(65);
  });

  it('names the bad field of a malformed export document', async () => {
    const target = await registerUser(t);
    const doc = { format: 'dossier-export', version: 1, account: { displayName: 'x', timeZone: 'UTC' }, organizations: [], interactions: [], people: [{ id: 'nope' }] };
    const res = await t.http().post('/imports/dossier').set(target.auth).send(doc).expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'people.0.id', problem: 'must be a UUID' }, { field: 'people.0.fullName', problem: 'must be a string' }]));
    const future = await t.http().post('/imports/dossier').set(target.auth).send({ ...doc, people: [], version: 4 }).expect(400);
    expect(future.body.details[0].field).toBe('version');
    const badPipeline = { ...doc, people: [], version: 2, referrals: [{ id: '00000000-0000-4000-8000-000000000001', applicationId: 'x', referrerId: '00000000-0000-4000-8000-000000000002', recruiterId: null, status: 'maybe', statusDates: { later: 'soon' }, notes: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }] };
    const bad = await t.http().post('/imports/dossier').set(target.auth).send(badPipeline).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['referrals.0.applicationId', 'referrals.0.status', 'referrals.0.statusDates']);
  });

  it('still imports a version-1 export (no pipeline), and reports references to records the document does not hold', async () => {
    const source = await registerUser(t);
    const ada = (await t.http().post('/people').set(source.auth).send({ fullName: 'Ada Lovelace', nextFollowUpAt: '2026-12-01' }).expect(201)).body;
    await t.http().post(`/people/${ada.id}/interactions`).set(source.auth).send({ type: 'call', occurredAt: '2026-01-05T10:00:00Z', summary: 'Call', asked: 'advice' }).expect(201);
    const v2 = (await t.http().get('/export').set(source.auth).expect(200)).body;
    const { stageTemplates: _s, applications: _a, interviews: _i, tasks: _t, referrals: _r, ...rest } = v2;
    const v1 = { ...rest, version: 1, people: v2.people.map(({ nextFollowUpReason: _n, ...p }: Record<string, unknown>) => p), interactions: v2.interactions.map(({ asked: _k, ...i }: Record<string, unknown>) => i) };

    const target = await registerUser(t);
    expect((await t.http().post('/imports/dossier').set(target.auth).send(v1).expect(201)).body.report).toMatchObject({ created: 2, skipped: 0 });
    const back = (await t.http().get('/export').set(target.auth).expect(200)).body;
    expect(back).toMatchObject({ version: 3, stageTemplates: [], applications: [], interviews: [], tasks: [], referrals: [], scholarlyIdentities: [], syncSchedules: [], briefings: [] });
    expect(back.people[0]).toMatchObject({ fullName: 'Ada Lovelace', nextFollowUpAt: '2026-12-01', nextFollowUpReason: null });
    expect(back.interactions[0].asked).toBeNull();

    // A referral whose application is not in the document is reported, not guessed.
    const orphan = { ...v2, referrals: [{ id: '00000000-0000-4000-8000-000000000001', applicationId: '00000000-0000-4000-8000-000000000009', referrerId: ada.id, recruiterId: null, status: 'discussed', statusDates: {}, notes: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }] };
    const third = await registerUser(t);
    const report = (await t.http().post('/imports/dossier').set(third.auth).send(orphan).expect(201)).body.report;
    expect(report).toMatchObject({ created: 2, skipped: 1, skips: [{ item: 'referrals[00000000-0000-4000-8000-000000000001]', reason: expect.stringContaining('not in the document') }] });
  });
});

/**
 * The research a user did: who each person is at the sources (rejected candidates included), their
 * own sync cadence and every briefing version. The works are the sources' (shared, not the user's):
 * an import syncs the linked identities again, so they come back on any server.
 */
describe('the research round-trips with the account', () => {
  let replay: ReplayServer;
  let t: TestApp;
  beforeAll(async () => {
    replay = await scholarlyReplay();
    t = await createTestApp({ worker: true, env: syncEnv(replay) });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => expect(replay.unmatched).toEqual([]));

  const briefed = (user: TestUser, id: string) =>
    waitFor(async () => {
      const b = (await t.http().get(`/briefings/${id}`).set(user.auth).expect(200)).body;
      return b.status === 'ready' || b.status === 'failed' ? b : undefined;
    });
  const brief = async (user: TestUser, interviewId: string) => briefed(user, (await t.http().post(`/interviews/${interviewId}/briefings`).set(user.auth).expect(202)).body.id);
  const titles = async (user: TestUser, personId: string) => ((await t.http().get(`/people/${personId}/works?limit=100`).set(user.auth).expect(200)).body.items as { title: string }[]).map((w) => w.title).sort();
  const zoeOf = async (user: TestUser) => (await t.db.query("SELECT id FROM people WHERE user_id = $1 AND full_name = 'Zoë Ångström'", [user.id]))[0].id as string;
  const nextInterview = async (user: TestUser) => (await t.db.query('SELECT id FROM interviews WHERE user_id = $1 AND starts_at > now() ORDER BY starts_at LIMIT 1', [user.id]))[0].id as string;

  it('keeps identities, sync schedules and briefings, and syncs the works back', async () => {
    const source = await registerUser(t);
    await t.http().post('/examples/research-lab').set(source.auth).expect(201);
    const { personId: zoe } = await personWithIdentities(t, source, 'Zoë Ångström', [['openalex', OPENALEX_AUTHOR]]);
    const synced = await finishedRuns(t, source, (await t.http().post(`/people/${zoe}/sync`).set(source.auth).expect(202)).body.runIds);
    expect(synced.openalex.status).toBe('succeeded');
    const works = await titles(source, zoe);
    expect(works.length).toBeGreaterThan(0);
    await t.http().post(`/people/${zoe}/identities/reject`).set(source.auth).send({ source: 'openalex', sourceAuthorId: 'A2100000003', name: 'Zoë Angstrom' }).expect(200);
    await t.http().put(`/people/${zoe}/sync-schedule`).set(source.auth).send({ everyHours: 12 }).expect(200);
    // The account's own default cadence, for its people without one of their own.
    await t.http().put('/me/sync-schedule').set(source.auth).send({ mode: 'every', everyHours: 48 }).expect(200);
    const interview = await nextInterview(source);
    expect((await brief(source, interview)).status).toBe('ready');
    await t.http().patch(`/interviews/${interview}`).set(source.auth).send({ prepNotes: 'Ask about the world-model evals' }).expect(200);
    expect(await brief(source, interview)).toMatchObject({ status: 'ready', version: 2, changes: ['Your application or interview notes changed.'] });

    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported.scholarlyIdentities.map((i: { source: string; sourceAuthorId: string; status: string }) => [i.source, i.sourceAuthorId, i.status])).toEqual([
      ['openalex', OPENALEX_AUTHOR, 'linked'],
      ['openalex', 'A2100000003', 'rejected'],
    ]);
    expect(exported.syncSchedules).toEqual([{ personId: zoe, everyHours: 12, updatedAt: expect.any(String) }]);
    expect(exported.account.syncSchedule).toEqual({ mode: 'every', everyHours: 48 });
    expect(exported.briefings.map((b: { version: number; status: string }) => [b.version, b.status])).toEqual([
      [1, 'ready'],
      [2, 'ready'],
    ]);

    const target = await registerUser(t);
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    expect(imported.body.report).toMatchObject({ created: itemCount(exported), skipped: 0, skips: [] });
    expect(withoutIds((await t.http().get('/export').set(target.auth).expect(200)).body)).toEqual(withoutIds(exported));

    // Zoë's works come back through a sync the import started, at the source's pace.
    const theirZoe = await zoeOf(target);
    const runs = await waitFor(async () => {
      const page = (await t.http().get(`/people/${theirZoe}/sync-runs`).set(target.auth).expect(200)).body;
      return page.items.length > 0 && page.items.every((r: { status: string }) => r.status !== 'running' && r.status !== 'queued') ? page.items : undefined;
    });
    expect(runs.map((r: { source: string; status: string }) => [r.source, r.status])).toEqual([['openalex', 'succeeded']]);
    expect(await titles(target, theirZoe)).toEqual(works);
    // Her own cadence has its scheduler again.
    expect((await t.http().get(`/people/${theirZoe}/sync-schedule`).set(target.auth).expect(200)).body.everyHours).toBe(12);
    const schedulers = await t.app.get(JobQueueService).queue(QueueName.SyncPeople).getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key)).toContain(`sync-person-${theirZoe}`);
    // And so has the account's.
    expect((await t.http().get('/me/sync-schedule').set(target.auth).expect(200)).body).toMatchObject({ everyHours: 48, paused: false, source: 'account' });
    expect(schedulers.map((s) => s.key)).toContain(`sync-account-${target.id}`);

    // The briefings read as before, and the next version compares with them: nothing changed.
    const theirInterview = await nextInterview(target);
    const versions = (await t.http().get(`/interviews/${theirInterview}/briefings`).set(target.auth).expect(200)).body.items as { id: string; version: number }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const theirs = await t.http().get(`/briefings/${versions[0].id}/markdown`).set(target.auth).expect(200);
    const ours = await t.http().get(`/briefings/${exported.briefings[1].id}/markdown`).set(source.auth).expect(200);
    expect(theirs.text).toBe(ours.text);
    const third = await brief(target, theirInterview);
    expect(third).toMatchObject({ status: 'ready', version: 3, changes: [] });
    expect((await t.http().get(`/briefings/${third.id}/markdown`).set(target.auth).expect(200)).text).toContain('Nothing you would notice changed since the previous version.');
  }, 60_000);

  it('reports identities, schedules and briefings whose person or interview the document does not hold, and an id no source would take', async () => {
    const target = await registerUser(t);
    const person = '00000000-0000-4000-8000-000000000001';
    const missing = '00000000-0000-4000-8000-000000000009';
    const at = '2026-01-01T00:00:00.000Z';
    const identity = (id: string, personId: string, sourceAuthorId: string) => ({ id, personId, source: 'orcid', sourceAuthorId, name: null, status: 'linked', linkedBy: 'user', createdAt: at });
    const doc = {
      format: 'dossier-export',
      version: 3,
      account: { displayName: 'Target', timeZone: 'UTC' },
      organizations: [],
      interactions: [],
      people: [{ id: person, fullName: 'Ada Lovelace', givenName: null, familyName: null, headline: null, role: null, organizationId: null, teamId: null, emails: [], links: {}, tags: [], howWeMet: null, relationshipStage: 'stranger', notes: null, nextFollowUpAt: null, followUpCadenceDays: null, lastInteractionAt: null, createdAt: at, updatedAt: at, deletedAt: null }],
      scholarlyIdentities: [
        // Rejected, so that no sync of it starts here.
        { ...identity('00000000-0000-4000-8000-000000000011', person, 'https://orcid.org/0000-0002-1825-0097'), status: 'rejected' },
        identity('00000000-0000-4000-8000-000000000012', missing, '0000-0002-1825-0097'),
        identity('00000000-0000-4000-8000-000000000013', person, 'not an orcid'),
      ],
      syncSchedules: [{ personId: missing, everyHours: 6, updatedAt: at }],
      briefings: [{ id: '00000000-0000-4000-8000-000000000021', interviewId: missing, version: 1, trigger: 'manual', status: 'ready', forStartsAt: null, content: {}, markdown: '# x', html: '<h1>x</h1>', changes: [], error: null, createdAt: at, generatedAt: at }],
    };
    const report = (await t.http().post('/imports/dossier').set(target.auth).send(doc).expect(201)).body.report;
    expect(report).toMatchObject({ created: 3, skipped: 3 });
    expect(report.skips).toEqual([
      { item: 'scholarlyIdentities[00000000-0000-4000-8000-000000000012]', reason: `refers to person ${missing}, which is not in the document; not imported` },
      { item: 'syncSchedules[0]', reason: `refers to person ${missing}, which is not in the document; not imported` },
      { item: 'briefings[00000000-0000-4000-8000-000000000021]', reason: `refers to interview ${missing}, which is not in the document; not imported` },
    ]);
    // The ORCID profile URL is kept as the id a sync asks for; an id no source would take is kept, and shown broken.
    const ada = (await t.http().get('/people').set(target.auth).expect(200)).body.items[0].id;
    const identities = (await t.http().get(`/people/${ada}/identities`).set(target.auth).expect(200)).body.items as { sourceAuthorId: string; status: string; syncState: string; brokenReason: string | null }[];
    expect(identities.map((i) => [i.sourceAuthorId, i.status, i.syncState, i.brokenReason])).toEqual([
      ['not an orcid', 'linked', 'broken', expect.stringMatching(/^Imported, but its id is not an ORCID iD/)],
      ['0000-0002-1825-0097', 'rejected', 'never', null],
    ]);

    const bad = await t.http().post('/imports/dossier').set((await registerUser(t)).auth).send({ ...doc, scholarlyIdentities: [{ ...doc.scholarlyIdentities[0], source: 'scopus', status: 'maybe' }], briefings: [{ ...doc.briefings[0], content: 'facts', version: 0 }] }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['briefings.0.content', 'briefings.0.version', 'scholarlyIdentities.0.source', 'scholarlyIdentities.0.status']);

    // A paused account exports as paused; a cadence it could not have is refused, naming the field.
    const paused = await registerUser(t);
    await t.http().put('/me/sync-schedule').set(paused.auth).send({ mode: 'paused' }).expect(200);
    expect((await t.http().get('/export').set(paused.auth).expect(200)).body.account.syncSchedule).toEqual({ mode: 'paused', everyHours: null });
    const hourly = await t.http().post('/imports/dossier').set((await registerUser(t)).auth).send({ ...doc, account: { ...doc.account, syncSchedule: { mode: 'hourly', everyHours: 0 } } }).expect(400);
    expect(hourly.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['account.syncSchedule.mode']);
    const tooOften = await t.http().post('/imports/dossier').set((await registerUser(t)).auth).send({ ...doc, account: { ...doc.account, syncSchedule: { mode: 'every', everyHours: 0 } } }).expect(400);
    expect(tooOften.body.details.map((d: { field: string }) => d.field)).toEqual(['account.syncSchedule.everyHours']);
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

/** The records an export holds: what an import of it creates. */
function itemCount(doc: Record<string, any>): number {
  const apps = doc.applications as { stages: unknown[]; moves: unknown[] }[];
  const lists = ['people', 'interactions', 'stageTemplates', 'interviews', 'interviewerNotes', 'stageRetrospectives', 'tasks', 'referrals', 'readingEntries', 'readingChecklistSettings', 'resumeProjects', 'scholarlyIdentities', 'syncSchedules', 'briefings', 'workDecisions', 'studyResources', 'studySessions', 'studyPlans', 'studyPlanItems', 'practiceQuestions', 'practiceDrills', 'mockInterviews', 'behaviouralStories', 'webhookEndpoints', 'mailLog', 'digestDays'];
  return (
    doc.organizations.length +
    doc.organizations.reduce((n: number, o: { teams: unknown[] }) => n + o.teams.length, 0) +
    lists.reduce((n, key) => n + (doc[key] as unknown[]).length, 0) +
    apps.length +
    apps.reduce((n, a) => n + a.stages.length + a.moves.length, 0)
  );
}

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
