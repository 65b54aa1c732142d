import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Every record belongs to its user. This walks every route in the OpenAPI document that takes an id
 * and calls it as another user with the owner's ids: each must answer 404 and change nothing.
 * A new route with a path id fails here until it has a sample below, so none is forgotten.
 */

type Ids = Record<string, string>;
// Valid bodies, so that validation passes and only ownership decides the answer.
const SAMPLE_BODIES: Record<string, (ids: Ids) => object | undefined> = {
  'PATCH /people/{id}': () => ({ headline: 'changed by a stranger' }),
  'POST /people/{id}/merge': (ids) => ({ otherId: ids.otherPersonId, dryRun: false }),
  'PATCH /organizations/{id}': () => ({ researchNotes: 'changed by a stranger' }),
  'POST /organizations/{id}/merge': (ids) => ({ otherId: ids.otherOrganizationId, dryRun: false }),
  'POST /organizations/{id}/teams': () => ({ name: 'Stranger team' }),
  'PATCH /organizations/{id}/teams/{teamId}': () => ({ name: 'Renamed by a stranger' }),
  'POST /people/{personId}/interactions': () => ({ type: 'message', occurredAt: '2026-01-01T10:00:00Z', summary: 'written by a stranger' }),
  'PATCH /interactions/{id}': () => ({ summary: 'changed by a stranger' }),
  'PUT /people/{id}/follow-up': () => ({ nextFollowUpAt: '2027-01-01', cadenceDays: 10 }),
  'POST /people/{id}/follow-up/done': () => ({ summary: 'done by a stranger' }),
  'POST /people/{id}/follow-up/snooze': () => ({ until: '2099-01-01' }),
  'PATCH /stage-templates/{id}': () => ({ name: 'Renamed by a stranger' }),
  'PATCH /applications/{id}': () => ({ notes: 'changed by a stranger' }),
  'POST /applications/{id}/moves': () => ({ move: 'pass' }),
  'POST /applications/{id}/reroute': (ids) => ({ teamId: ids.otherTeamId }),
  'POST /applications/{id}/reopen-tasks': () => ({}),
  'PATCH /referrals/{id}': () => ({ status: 'offered', notes: 'changed by a stranger' }),
  'PATCH /interviews/{id}': () => ({ outcome: 'cancelled', feedback: 'changed by a stranger' }),
  'PUT /interviews/{id}/interviewers/{personId}/notes': () => ({ asked: 'written by a stranger', howItWent: null }),
  'PUT /applications/{id}/stages/{stageId}/retrospective': () => ({ wentBadly: 'written by a stranger' }),
  'PATCH /tasks/{id}': () => ({ done: true, title: 'changed by a stranger' }),
  'POST /people/{id}/sync': () => ({}),
  'PUT /people/{id}/sync-schedule': () => ({ everyHours: 12 }),
  'POST /people/{id}/identities': () => ({ source: 'dblp', id: '39/1762' }),
  'POST /people/{id}/identities/reject': () => ({ source: 'dblp', sourceAuthorId: '39/1762' }),
  'POST /people/{id}/identities/auto-link': () => ({ sources: ['dblp'] }),
  'PATCH /resume-projects/{id}': () => ({ title: 'changed by a stranger', talkingPoints: ['a stranger point'] }),
  'POST /interviews/{id}/briefings': () => ({}),
  'PUT /people/{id}/reading-checklist/settings': () => ({ size: 3, weights: { citations: 9 } }),
  'PUT /interviews/{id}/reading-checklist/settings': () => ({ size: 3 }),
  'PUT /people/{id}/work-attributions/{workId}': () => ({ decision: 'accepted' }),
  'PATCH /admin/users/{id}': () => ({ disabled: true, role: 'user' }),
  'PATCH /study-resources/{id}': () => ({ title: 'changed by a stranger' }),
  'POST /study-resources/{id}/sessions': () => ({ amount: 3, minutes: 30 }),
  'PATCH /study-plans/{id}': () => ({ hoursPerWeek: 1 }),
  'POST /study-plans/{id}/items': (ids) => ({ stageId: ids.stageId, resourceId: ids.otherStudyResourceId }),
  'PATCH /study-plans/{id}/items/{planItemId}': () => ({ position: 7 }),
  'PATCH /questions/{id}': () => ({ text: 'changed by a stranger' }),
  'POST /questions/{id}/drills': () => ({ rating: 'easy' }),
  'PATCH /mock-interviews/{id}': () => ({ feedback: 'changed by a stranger' }),
  'PATCH /stories/{id}': () => ({ title: 'changed by a stranger' }),
};
/**
 * Routes whose path secret is the credential, not a record id: the calendar feed URL is given to
 * calendar apps, which cannot send a token. Its rotation and revocation are tested in calendar.e2e-spec.
 */
const SECRET_URL_ROUTES = new Set(['GET /calendar/{file}']);
/**
 * Routes over shared public data, not any user's records: works (publications) are cached once and
 * are the same for every user, so another user reads them too (200, behind login). A person's list
 * of works (GET /people/{id}/works) is private and stays in the walk. Covered by works-read.e2e-spec.
 */
// A work's reading (GET/PUT /works/{id}/reading) is each user's own over a shared work: another user
// reads and writes their own, never the owner's (the snapshot below and reading.e2e-spec check it).
const SHARED_DATA_ROUTES = new Set(['GET /works/{id}', 'GET /works/{id}/reading', 'PUT /works/{id}/reading']);
const NO_BODY = new Set(['GET', 'DELETE']);

describe('ownership: another user gets 404 for every record on every route', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let ids: Ids;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    owner = await registerUser(t);
    stranger = await registerUser(t);
    ids = await seedOwnerRecords(t, owner);
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(() => t.close());

  it('covers the routes that take ids, the admin routes among them (the stranger is not an admin)', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'PATCH', path: '/admin/users/{id}' }, { method: 'DELETE', path: '/admin/invitations/{id}' }, { method: 'DELETE', path: '/me/sessions/{id}' }]));
    expect((await t.http().get('/me').set(owner.auth).expect(200)).body.role).toBe('admin');
    expect((await t.http().get('/me').set(stranger.auth).expect(200)).body.role).toBe('user');
  });

  it('answers 404 and changes nothing', async () => {
    const before = await snapshot(t, owner.id);
    const failures: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      if (SECRET_URL_ROUTES.has(key) || SHARED_DATA_ROUTES.has(key)) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const id = ids[paramKey(path, name)];
        if (!id) failures.push(`${key}: no owner record for {${name}}`);
        return id ?? 'missing';
      });
      const sample = SAMPLE_BODIES[key];
      if (!sample && !NO_BODY.has(method) && !isBodyless(key)) {
        failures.push(`${key}: add a valid sample body to SAMPLE_BODIES`);
        continue;
      }
      const req = t.http()[method.toLowerCase() as 'get'](url).set(stranger.auth);
      const res = await (sample ? req.send(sample(ids)) : req);
      if (res.status !== 404) failures.push(`${key} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t, owner.id)).toEqual(before);
    // And the owner still reaches everything.
    await t.http().get(`/people/${ids.personId}`).set(owner.auth).expect(200);
  });

  it('never lists another user’s records', async () => {
    const people = (await t.http().get('/people?deleted=include').set(stranger.auth).expect(200)).body;
    expect(people.total).toBe(0);
    expect((await t.http().get('/people/duplicates').set(stranger.auth).expect(200)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await t.http().get('/tokens').set(stranger.auth).expect(200)).body.total).toBe(0);
    const sessions = (await t.http().get('/me/sessions').set(stranger.auth).expect(200)).body;
    expect(sessions.items).toEqual([expect.objectContaining({ current: true })]);
    const events = (await t.http().get('/me/security-events').set(stranger.auth).expect(200)).body;
    expect(events.items.map((e: { kind: string; details: { sessionId?: string } }) => [e.kind, e.details.sessionId])).toEqual([['sign-in', sessions.items[0].id]]);
    expect((await t.http().get('/imports').set(stranger.auth).expect(200)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    const exported = (await t.http().get('/export').set(stranger.auth).expect(200)).body;
    expect([exported.people, exported.organizations, exported.interactions, exported.applications, exported.referrals, exported.stageTemplates, exported.interviewerNotes, exported.stageRetrospectives]).toEqual([[], [], [], [], [], [], [], []]);
    expect((await t.http().get('/referrals').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/applications').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/interviews?when=upcoming&days=365').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/tasks?status=all').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/resume-projects').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/study-resources').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/study-plans').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/questions').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/questions/due').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/mock-interviews').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/stories').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/me/mail-log').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/me/mail-settings').set(stranger.auth).expect(200)).body.address).toBe(stranger.email);
    expect((await t.http().get('/stories/coverage').set(stranger.auth).expect(200)).body.missing).toHaveLength(5);
    expect((await t.http().get('/retrospectives').set(stranger.auth).expect(200)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await t.http().get('/applications/board?closed=true').set(stranger.auth).expect(200)).body.columns.every((c: { cards: unknown[] }) => c.cards.length === 0)).toBe(true);
  });
});

/** Which owner record a path parameter names. */
function paramKey(path: string, name: string): string {
  if (name !== 'id') return name;
  // The owner is the server's first account, so its admin: the admin routes name the owner's records too.
  const nested = ({ '/admin/users/{id}': 'ownerId', '/admin/invitations/{id}': 'invitationId', '/me/sessions/{id}': 'sessionId' } as Record<string, string>)[path];
  if (nested) return nested;
  const resource = path.split('/')[1];
  return (
    { people: 'personId', organizations: 'organizationId', interactions: 'interactionId', tokens: 'tokenId', imports: 'importId', 'stage-templates': 'templateId', applications: 'applicationId', referrals: 'referralId', interviews: 'interviewId', tasks: 'taskId', 'sync-runs': 'syncRunId', 'resume-projects': 'resumeProjectId', briefings: 'briefingId', 'study-resources': 'studyResourceId', 'study-plans': 'studyPlanId', questions: 'questionId', 'mock-interviews': 'mockInterviewId', stories: 'storyId' } as Record<string, string>
  )[resource] ?? `${resource}Id`;
}

function isBodyless(key: string): boolean {
  return ['POST /people/{id}/restore', 'POST /people/{id}/erase'].includes(key);
}

async function seedOwnerRecords(t: TestApp, owner: TestUser): Promise<Ids> {
  const [org] = await t.db.query("INSERT INTO organizations (user_id, name, name_folded) VALUES ($1, 'Owner Lab', 'owner lab') RETURNING id", [owner.id]);
  const [team] = await t.db.query("INSERT INTO teams (user_id, organization_id, name, name_folded) VALUES ($1, $2, 'Core', 'core') RETURNING id", [owner.id, org.id]);
  const [otherOrg] = await t.db.query("INSERT INTO organizations (user_id, name, name_folded) VALUES ($1, 'Owner Lab Two', 'owner lab two') RETURNING id", [owner.id]);
  const person = (await t.http().post('/people').set(owner.auth).send({ fullName: 'Owned Person', organizationId: org.id, teamId: team.id }).expect(201)).body;
  const other = (await t.http().post('/people').set(owner.auth).send({ fullName: 'Other Owned Person' }).expect(201)).body;
  const [interaction] = await t.db.query("INSERT INTO interactions (user_id, person_id, type, occurred_at, summary) VALUES ($1, $2, 'call', now(), 'owned') RETURNING id", [owner.id, person.id]);
  const token = (await t.http().post('/tokens').set(owner.auth).send({ name: 'owned token' }).expect(201)).body;
  const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nOwned,Import,https://www.linkedin.com/in/owned-import,,,,01 Jan 2025\n';
  const run = (await t.http().post('/imports/linkedin').set(owner.auth).set('content-type', 'text/csv').send(csv).expect(201)).body;
  const [otherTeam] = await t.db.query("INSERT INTO teams (user_id, organization_id, name, name_folded) VALUES ($1, $2, 'Applied', 'applied') RETURNING id", [owner.id, org.id]);
  const template = (await t.http().post('/stage-templates').set(owner.auth).send({ fromBuiltIn: 'research-engineer', organizationId: org.id }).expect(201)).body;
  const application = (await t.http().post('/applications').set(owner.auth).send({ organizationId: org.id, teamId: team.id, role: 'Research Engineer', templateId: template.id }).expect(201)).body;
  const referral = (await t.http().post('/referrals').set(owner.auth).send({ applicationId: application.id, referrerId: person.id }).expect(201)).body;
  const interview = (
    await t
      .http()
      .post('/interviews')
      .set(owner.auth)
      .send({ stageId: application.stages[0].id, startsAt: '2027-01-10T10:00:00Z', timeZone: 'Europe/London', durationMinutes: 45, format: 'video', interviewerIds: [person.id] })
      .expect(201)
  ).body;
  await t.http().put(`/interviews/${interview.id}/interviewers/${person.id}/notes`).set(owner.auth).send({ asked: 'owned notes' }).expect(200);
  await t.http().put(`/applications/${application.id}/stages/${application.stages[0].id}/retrospective`).set(owner.auth).send({ wentWell: 'owned retrospective' }).expect(200);
  const task = (await t.http().post('/tasks').set(owner.auth).send({ title: 'Owned task', dueOn: '2027-01-09', personId: person.id }).expect(201)).body;
  const [syncedIdentity] = await t.db.query("INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id) VALUES ($1, $2, 'dblp', 'owned/0001') RETURNING id", [owner.id, person.id]);
  const [syncRun] = await t.db.query("INSERT INTO sync_runs (user_id, person_id, identity_id, source, trigger, status, started_at, finished_at) VALUES ($1, $2, $3, 'dblp', 'manual', 'succeeded', now(), now()) RETURNING id", [owner.id, person.id, syncedIdentity.id]);
  await t.http().put(`/people/${person.id}/sync-schedule`).set(owner.auth).send({ everyHours: 48 }).expect(200);
  const resumeProject = (await t.http().post('/resume-projects').set(owner.auth).send({ title: 'Owned project', talkingPoints: ['owned point'] }).expect(201)).body;
  await t.http().put(`/people/${person.id}/reading-checklist/settings`).set(owner.auth).send({ size: 5 }).expect(200);
  await t.http().put(`/interviews/${interview.id}/reading-checklist/settings`).set(owner.auth).send({ size: 4 }).expect(200);
  const [ownedWork] = await t.db.query("INSERT INTO works (title, title_key, type) VALUES ('Owned reading', 'owned reading', 'article') RETURNING id");
  await t.http().put(`/works/${ownedWork.id}/reading`).set(owner.auth).send({ status: 'read', notes: 'owned notes' }).expect(200);
  // A work an arXiv name query attributes to the owner's person, held back for the owner to decide.
  const [heldRecord] = await t.db.query(
    "INSERT INTO work_records (work_id, source, source_id, source_url, record, content_hash, fetched_at) VALUES ($1, 'arxiv', '2301.99999', 'https://arxiv.org/abs/2301.99999', '{}', 'owned', now()) RETURNING id",
    [ownedWork.id],
  );
  await t.db.query("INSERT INTO work_attributions (person_id, record_id, user_id, status, evaluated_at) VALUES ($1, $2, $3, 'unconfirmed', now())", [person.id, heldRecord.id, owner.id]);
  const [briefing] = await t.db.query(
    "INSERT INTO briefings (user_id, interview_id, version, trigger, status, markdown, html) VALUES ($1, $2, 1, 'manual', 'ready', '# Owned', '<h1>Owned</h1>') RETURNING id",
    [owner.id, interview.id],
  );
  const studyResource = (await t.http().post('/study-resources').set(owner.auth).send({ kind: 'book', title: 'Owned book', unit: 'pages', parts: [{ title: 'Ch. 1', amount: 20 }] }).expect(201)).body;
  const otherStudyResource = (await t.http().post('/study-resources').set(owner.auth).send({ kind: 'paper', title: 'Owned paper', unit: 'pages', totalAmount: 10 }).expect(201)).body;
  const studySession = (await t.http().post(`/study-resources/${studyResource.id}/sessions`).set(owner.auth).send({ amount: 5, minutes: 20 }).expect(201)).body;
  const studyPlan = (
    await t.http().post('/study-plans').set(owner.auth).send({ applicationId: application.id, hoursPerWeek: 6, items: [{ stageId: application.stages[1].id, resourceId: studyResource.id }] }).expect(201)
  ).body;
  const question = (await t.http().post('/questions').set(owner.auth).send({ text: 'Owned question', interviewId: interview.id }).expect(201)).body;
  await t.http().post(`/questions/${question.id}/drills`).set(owner.auth).send({ rating: 'good' }).expect(201);
  const mockInterview = (await t.http().post('/mock-interviews').set(owner.auth).send({ personId: person.id, stageType: 'coding', heldAt: '2027-01-05T18:00:00Z', questionIds: [question.id], scores: [{ topic: 'graphs', score: 3 }] }).expect(201)).body;
  const story = (await t.http().post('/stories').set(owner.auth).send({ title: 'Owned story', competencies: ['impact'], resumeProjectIds: [resumeProject.id] }).expect(201)).body;
  const invitation = (await t.http().post('/admin/invitations').set(owner.auth).send({ email: 'invited@example.org' }).expect(201)).body;
  const session = (await t.http().get('/me/sessions').set(owner.auth).expect(200)).body.items[0];
  return {
    ownerId: owner.id,
    invitationId: invitation.id,
    sessionId: session.id,
    personId: person.id,
    otherPersonId: other.id,
    organizationId: org.id,
    otherOrganizationId: otherOrg.id,
    teamId: team.id,
    otherTeamId: otherTeam.id,
    interactionId: interaction.id,
    tokenId: token.id,
    importId: run.id,
    templateId: template.id,
    applicationId: application.id,
    referralId: referral.id,
    interviewId: interview.id,
    stageId: application.stages[0].id,
    briefingId: briefing.id,
    taskId: task.id,
    syncRunId: syncRun.id,
    identityId: syncedIdentity.id,
    resumeProjectId: resumeProject.id,
    workId: ownedWork.id,
    studyResourceId: studyResource.id,
    otherStudyResourceId: otherStudyResource.id,
    studySessionId: studySession.id,
    studyPlanId: studyPlan.id,
    planItemId: studyPlan.items[0].id,
    questionId: question.id,
    mockInterviewId: mockInterview.id,
    storyId: story.id,
  };
}

async function snapshot(t: TestApp, userId: string): Promise<unknown> {
  const rows = async (sql: string): Promise<unknown[]> => t.db.query(sql, [userId]);
  return {
    people: await rows('SELECT * FROM people WHERE user_id = $1 ORDER BY id'),
    organizations: await rows('SELECT * FROM organizations WHERE user_id = $1 ORDER BY id'),
    teams: await rows('SELECT * FROM teams WHERE user_id = $1 ORDER BY id'),
    interactions: await rows('SELECT * FROM interactions WHERE user_id = $1 ORDER BY id'),
    tokens: await rows('SELECT id, revoked_at FROM access_tokens WHERE user_id = $1 ORDER BY id'),
    account: await rows('SELECT id, role, disabled_at, password_hash FROM users WHERE id = $1'),
    invitations: await rows('SELECT * FROM invitations WHERE created_by = $1 ORDER BY id'),
    templates: await rows('SELECT * FROM stage_templates WHERE user_id = $1 ORDER BY id'),
    applications: await rows('SELECT * FROM applications WHERE user_id = $1 ORDER BY id'),
    stages: await rows('SELECT * FROM application_stages WHERE user_id = $1 ORDER BY id'),
    moves: await rows('SELECT * FROM application_moves WHERE user_id = $1 ORDER BY id'),
    referrals: await rows('SELECT * FROM referrals WHERE user_id = $1 ORDER BY id'),
    interviews: await rows('SELECT * FROM interviews WHERE user_id = $1 ORDER BY id'),
    interviewers: await rows('SELECT ii.* FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id WHERE i.user_id = $1 ORDER BY 1, 2'),
    interviewerNotes: await rows('SELECT * FROM interviewer_notes WHERE user_id = $1 ORDER BY id'),
    retrospectives: await rows('SELECT * FROM stage_retrospectives WHERE user_id = $1 ORDER BY id'),
    tasks: await rows('SELECT * FROM tasks WHERE user_id = $1 ORDER BY id'),
    syncRuns: await rows('SELECT * FROM sync_runs WHERE user_id = $1 ORDER BY id'),
    syncSettings: await rows('SELECT * FROM person_sync_settings WHERE user_id = $1 ORDER BY person_id'),
    identities: await rows('SELECT * FROM scholarly_identities WHERE user_id = $1 ORDER BY id'),
    resumeProjects: await rows('SELECT * FROM resume_projects WHERE user_id = $1 ORDER BY id'),
    briefings: await rows('SELECT * FROM briefings WHERE user_id = $1 ORDER BY id'),
    readingEntries: await rows('SELECT * FROM reading_entries WHERE user_id = $1 ORDER BY id'),
    checklistSettings: await rows('SELECT * FROM reading_checklist_settings WHERE user_id = $1 ORDER BY id'),
    workAttributions: await rows('SELECT * FROM work_attributions WHERE user_id = $1 ORDER BY person_id, record_id'),
    studyResources: await rows('SELECT * FROM study_resources WHERE user_id = $1 ORDER BY id'),
    studySessions: await rows('SELECT * FROM study_sessions WHERE user_id = $1 ORDER BY id'),
    studyPlans: await rows('SELECT * FROM study_plans WHERE user_id = $1 ORDER BY id'),
    studyPlanItems: await rows('SELECT * FROM study_plan_items WHERE user_id = $1 ORDER BY id'),
    questions: await rows('SELECT * FROM practice_questions WHERE user_id = $1 ORDER BY id'),
    drills: await rows('SELECT * FROM practice_drills WHERE user_id = $1 ORDER BY id'),
    mockInterviews: await rows('SELECT * FROM mock_interviews WHERE user_id = $1 ORDER BY id'),
    mockQuestions: await rows('SELECT mq.* FROM mock_interview_questions mq JOIN mock_interviews m ON m.id = mq.mock_interview_id WHERE m.user_id = $1 ORDER BY 1, 2'),
    stories: await rows('SELECT * FROM behavioural_stories WHERE user_id = $1 ORDER BY id'),
    storyProjects: await rows('SELECT sp.* FROM behavioural_story_projects sp JOIN behavioural_stories s ON s.id = sp.story_id WHERE s.user_id = $1 ORDER BY 1, 2'),
  };
}
