import { join } from 'node:path';
import { JobName, QueueName } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import { ReplayServer } from '../support/replay-server';
import { sourcesAt } from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';
import { findTracesInDatabase, findTracesInRedis, Trace } from '../support/trace-search';
import { waitFor } from '../support/wait-for';

/**
 * Erasing a person leaves nothing of them behind: a person known through two imports (LinkedIn and
 * a vCard), with interactions, a referral, a briefing that names them, a write answered under an
 * Idempotency-Key and an identity search run through the queue; after POST /people/:id/erase,
 * every text column of every table, and every key of the queue's namespace, is searched for their
 * name, email and each of their links. The identity searches answer from the recorded OpenAlex and
 * Semantic Scholar fixtures for "Zoë Ångström" (see test/fixtures/scholarly).
 */
const NAME = 'Zoë Ångström';
const EMAIL = 'zoe.angstrom@kth.example';
const LINKEDIN = 'https://www.linkedin.com/in/zoe-angstrom-erase-test';
const HOMEPAGE = 'https://zoe-angstrom-erase-test.example.org/';

const CSV = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  `Zoë,Ångström,${LINKEDIN},${EMAIL},KTH Royal Institute of Technology,Associate Professor,10 Dec 2024`,
  'Grace,Hopper,https://www.linkedin.com/in/grace-hopper-erase-test,,US Navy,Rear Admiral,1 Jan 2024',
  '',
].join('\n');
const VCARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  `FN:${NAME}`,
  'N:Ångström;Zoë;;;',
  `EMAIL:${EMAIL}`,
  'EMAIL:zoe at kth',
  `URL:${HOMEPAGE}`,
  'END:VCARD',
  '',
].join('\r\n');

const fixture = (source: string, file: string) => join(__dirname, '..', 'fixtures', 'scholarly', source, file);

describe.each<QueueBackend>(['redis', 'postgres'])('erasing a person (queue on %s)', (backend) => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    replay = (await ReplayServer.start())
      .route({ path: '/authors', query: { filter: `display_name.search:${NAME}` }, file: fixture('openalex', 'authors_filter_display_name.search_zoe_angstrom.json') })
      .route({ path: '/graph/v1/author/search', query: { query: NAME }, file: fixture('semanticscholar', 'author_search_query_zoe_angstrom.json') });
    t = await createTestApp({ queue: backend, worker: true, env: { ...sourcesAt(replay.url), SCHOLARLY_TIMEOUT_MS: '2000' } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  const post = (u: TestUser, path: string, body: object | string = {}) => t.http().post(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);

  async function traces(needles: string[]): Promise<Trace[]> {
    const inDatabase = await findTracesInDatabase(t.db, needles);
    const inRedis = t.config.queue.backend === 'redis' ? await findTracesInRedis(t.config.queue.url, t.config.queue.prefix, needles) : [];
    return [...inDatabase, ...inRedis];
  }

  it('leaves no trace of their name, email or links in any table or in the queue', async () => {
    const user = await registerUser(t);
    // Two imports of the same file: the second reports both people as already up to date, by name.
    expect((await post(user, '/imports/linkedin', CSV).set('content-type', 'text/csv').expect(201)).body.report).toMatchObject({ created: 2 });
    expect((await post(user, '/imports/linkedin', CSV).set('content-type', 'text/csv').expect(201)).body.report.skips).toEqual([
      { line: 2, reason: `already up to date (${NAME})` },
      { line: 3, reason: 'already up to date (Grace Hopper)' },
    ]);
    const vcard = (await post(user, '/imports/vcard', VCARD).set('content-type', 'text/vcard').expect(201)).body.report;
    expect(vcard).toMatchObject({ updated: 1, warnings: [{ line: 1, problem: '"zoe at kth" is not an email address; left out' }] });

    const people = (await get(user, '/people').expect(200)).body.items as { id: string; fullName: string }[];
    const zoeId = people.find((p) => p.fullName === NAME)!.id;
    const graceId = people.find((p) => p.fullName === 'Grace Hopper')!.id;
    const zoe = (await get(user, `/people/${zoeId}`).expect(200)).body as { emails: string[]; links: Record<string, string> };
    expect(zoe.emails).toEqual([EMAIL]);
    expect(Object.values(zoe.links).sort()).toEqual([HOMEPAGE, LINKEDIN].sort());
    const needles = [NAME, EMAIL, ...Object.values(zoe.links)];

    // What the user did with and about her.
    await post(user, `/people/${zoeId}/interactions`, { type: 'email', occurredAt: '2026-11-02T09:00:00Z', summary: `Wrote to ${NAME} (${EMAIL})`, asked: 'A referral to the lab' }).expect(201);
    await t.http().patch(`/people/${zoeId}`).set(user.auth).set('Idempotency-Key', 'erase-test-headline').send({ headline: 'Associate Professor of Machine Learning' }).expect(200);
    await t.db.query(
      "INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by, last_snapshot) VALUES ($1, $2, 'openalex', 'A5100000001', $3, 'linked', 'user', $4)",
      [user.id, zoeId, NAME, { source: 'openalex', sourceAuthorId: 'A5100000001', name: NAME, worksCount: 42, citationCount: 1, updatedAt: null, affiliations: [], topics: [] }],
    );
    // An identity search, run as jobs in the sources' queues: their data holds her name, their results her namesakes.
    const search = (await get(user, `/people/${zoeId}/identity-candidates?sources=openalex,semanticscholar`).expect(200)).body;
    expect(search.candidates.length).toBeGreaterThan(0);

    const lab = (await post(user, '/organizations', { name: 'Example Frontier Lab' }).expect(201)).body;
    const application = (await post(user, '/applications', { organizationId: lab.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    await post(user, '/referrals', { applicationId: application.id, referrerId: zoeId, status: 'submitted', on: '2026-11-03', notes: 'Sent my CV to the lead' }).expect(201);
    const interview = (
      await post(user, '/interviews', {
        stageId: application.stages[0].id,
        startsAt: '2027-03-02T13:00:00Z',
        timeZone: 'Europe/London',
        durationMinutes: 45,
        format: 'video',
        interviewerIds: [zoeId, graceId],
      }).expect(201)
    ).body;
    const ready = async (id: string) =>
      waitFor(async () => {
        const b = (await get(user, `/briefings/${id}`).expect(200)).body;
        return b.status === 'ready' ? b : undefined;
      });
    const briefing = await ready((await post(user, `/interviews/${interview.id}/briefings`).expect(202)).body.id);
    expect(JSON.stringify(briefing)).toContain(NAME);

    // A job about many people (a scheduled tick's) lists her id among others: it is not hers to remove.
    const jobs = t.app.get(JobQueueService);
    const tick = await jobs.queue(QueueName.SyncPeople).add(JobName.StartScheduledSyncs, { personIds: [zoeId, graceId] }, { delay: 3_600_000 });

    // The search finds her where she is, in every kind of place it must then find empty.
    const before = await traces(needles);
    const places = new Set(before.map((f) => f.where));
    for (const where of ['public.people.full_name', 'public.people.emails', 'public.people.links', 'public.import_runs.report', 'public.briefings.content', 'public.briefings.markdown', 'public.idempotency_keys.body', 'public.interactions.summary']) {
      expect(places).toContain(where);
    }
    const queued = before.filter((f) => (backend === 'redis' ? f.where.startsWith('redis ') : f.where.startsWith(`bullmq_${t.config.queue.prefix}.`)));
    expect(queued.map((f) => f.needle)).toContain(NAME);

    const erased = (await post(user, `/people/${zoeId}/erase`).expect(200)).body.erased;
    expect(erased).toMatchObject({ people: 1, interactions: 1, referralsMade: 1, interviews: 1, scholarlyIdentities: 1, importReports: 2, briefingVersions: 1, idempotencyAnswers: 1 });
    expect(erased.jobs).toBeGreaterThanOrEqual(2);

    expect(await traces(needles)).toEqual([]);
    expect(await jobs.queue(QueueName.SyncPeople).getJobState(tick.id!)).toBe('delayed');

    // The reports keep their lines and counts; rows about her no longer say who she was; Grace's are untouched.
    const runs = (await get(user, '/imports').expect(200)).body.items as { format: string; report: { created: number; updated: number; skipped: number; skips: object[]; warnings: object[] } }[];
    expect(runs.map((r) => r.report)).toEqual([
      { created: 0, updated: 1, skipped: 0, skips: [], warnings: [{ line: 1, problem: 'a person since erased' }] },
      { created: 0, updated: 0, skipped: 2, skips: [{ line: 2, reason: 'a person since erased' }, { line: 3, reason: 'already up to date (Grace Hopper)' }], warnings: [] },
      { created: 2, updated: 0, skipped: 0, skips: [], warnings: [] },
    ]);
    // The interview keeps its other interviewer, and a new briefing is made from what remains.
    expect((await get(user, `/interviews/${interview.id}/briefings`).expect(200)).body.items).toEqual([]);
    const again = await ready((await post(user, `/interviews/${interview.id}/briefings`).expect(202)).body.id);
    expect(again.content.interviewers.map((i: { fullName: string }) => i.fullName)).toEqual(['Grace Hopper']);
    expect(await traces(needles)).toEqual([]);
  });

  it("follows a person through a merge: the report rows about the one merged away are the survivor's to erase", async () => {
    const user = await registerUser(t);
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nPat,Quillfeather,https://www.linkedin.com/in/pat-quillfeather-erase-test,,,,\n';
    await post(user, '/imports/linkedin', csv).set('content-type', 'text/csv').expect(201);
    expect((await post(user, '/imports/linkedin', csv).set('content-type', 'text/csv').expect(201)).body.report.skips).toEqual([{ line: 2, reason: 'already up to date (Pat Quillfeather)' }]);
    const pat = ((await get(user, '/people').expect(200)).body.items as { id: string }[])[0].id;
    const survivor = (await post(user, '/people', { fullName: 'Patricia Q. Survivor' }).expect(201)).body.id as string;
    await post(user, `/people/${survivor}/merge`, { otherId: pat, dryRun: false }).expect(200);

    // The report names someone the survivor no longer is called: only the row's person id leads to it.
    await post(user, `/people/${survivor}/erase`).expect(200);
    const [latest] = (await get(user, '/imports').expect(200)).body.items as { report: { skips: object[] } }[];
    expect(latest.report.skips).toEqual([{ line: 2, reason: 'a person since erased' }]);
    expect(await traces(['Pat Quillfeather', 'pat-quillfeather-erase-test', 'Patricia Q. Survivor'])).toEqual([]);
  });
});
