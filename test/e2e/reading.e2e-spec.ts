import type { NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { parseBibtex } from '../support/parse-bibtex';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { workAuthor as author, workRecord as record } from '../support/work-records';

/**
 * Reading checklists over HTTP: an interviewer's works ranked with the reasons a user sees, the
 * interview's union, settings, the user's own reading of each work, refresh after new works,
 * BibTeX read back by an independent parser, and the export/import round trip.
 */


const ADA = (position: number) => author(position, 'Ada Lovelace', 'A1');
const BOB = (position: number) => author(position, 'Bob Kahn', 'B1');
const thisYear = new Date().getUTCFullYear();

// Ada's and Bob's works. Years are relative to today so that recency means the same every year.
const WORKS: Record<string, NormalizedWork[]> = {
  // First author, highly cited, on the application's topics; a preprint and its published version.
  worldModels: [
    record({ source: 'arxiv', sourceId: '2201.00001', title: 'World Models for Reinforcement Learning Agents', year: thisYear - 4, publicationDate: `${thisYear - 4}-01-10`, type: 'preprint', arxivId: '2201.00001', authors: [ADA(1), author(2, 'Grace Hopper'), author(3, 'Alan Turing')], abstract: 'We learn a world model and train agents inside it.' }),
    record({ source: 'crossref', sourceId: '10.1234/wm', title: 'World Models for Reinforcement Learning Agents', year: thisYear - 4, publicationDate: `${thisYear - 4}-06-01`, type: 'article', doi: '10.1234/wm', arxivId: '2201.00001', venue: 'Journal of Machine Learning', citationCount: 600, authors: [ADA(1), author(2, 'Grace Hopper'), author(3, 'Alan Turing')] }),
  ],
  // Old, a middle author, cited a lot in total but little per year, off topic.
  survey: [record({ source: 'openalex', sourceId: 'W-survey', title: 'A Survey of Expert Systems', year: thisYear - 31, doi: '10.1234/survey', citationCount: 300, authors: [author(1, 'Edsger Dijkstra'), ADA(2), author(3, 'Barbara Liskov'), author(4, 'Donald Knuth'), author(5, 'Ken Thompson')] })],
  // LaTeX-special characters and accents in the title; Ada last author.
  special: [record({ source: 'openalex', sourceId: 'W-special', title: 'Schrödinger’s Policies: 100% Off-Policy & {Robust} Learning_2', year: thisYear - 5, doi: '10.1234/special_1', venue: 'NeurIPS', citationCount: 80, type: 'conference-paper', authors: [author(1, 'José García-Pérez'), ADA(2)] })],
  // Ada and Bob together: Bob first, Ada last.
  benchmark: [record({ source: 'openalex', sourceId: 'W-bench', title: 'An Agent Benchmark', year: thisYear - 3, doi: '10.1234/bench', citationCount: 50, authors: [BOB(1), ADA(2)] })],
  // Brand new, barely cited, off topic.
  note: [record({ source: 'openalex', sourceId: 'W-note', title: 'A Note on Compilers', year: thisYear, publicationDate: `${thisYear}-01-02`, doi: '10.1234/note', citationCount: 2, authors: [ADA(1)] })],
  // Bob alone.
  robots: [record({ source: 'openalex', sourceId: 'W-robots', title: 'Legged Robots in the Field', year: thisYear - 6, doi: '10.1234/robots', citationCount: 100, authors: [BOB(1), author(2, 'Grace Hopper')] })],
};

describe('reading checklists', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;
  let ingest: WorksIngestService;
  const workId: Record<string, string> = {};
  let ada: string;
  let bob: string;
  let applicationId: string;
  let interviewId: string;

  const keyOf = (id: string): string => Object.keys(workId).find((k) => workId[k] === id) ?? id;
  const keys = (body: { items: { work: { id: string } }[] }): string[] => body.items.map((i) => keyOf(i.work.id));
  const personChecklist = async (personId: string, query = ''): Promise<any> => (await t.http().get(`/people/${personId}/reading-checklist${query}`).set(user.auth).expect(200)).body;
  const put = (path: string, body: object, as: TestUser = user) => t.http().put(path).set(as.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    stranger = await registerUser(t);
    // The app's own service: the reading module has registered its hook on merges of works there.
    ingest = t.app.get(WorksIngestService);
    for (const [key, records] of Object.entries(WORKS)) workId[key] = (await ingest.ingest(records)).workIds[0];
    expect(new Set(Object.values(workId)).size).toBe(Object.keys(WORKS).length);

    ada = (await t.http().post('/people').set(user.auth).send({ fullName: 'Ada Lovelace' }).expect(201)).body.id;
    bob = (await t.http().post('/people').set(user.auth).send({ fullName: 'Bob Kahn' }).expect(201)).body.id;
    await t.db.query(`INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) VALUES ($1, $2, 'openalex', 'A1', 'linked'), ($1, $3, 'openalex', 'B1', 'linked')`, [user.id, ada, bob]);
    // Ada's identity on the records of arXiv and Crossref too (other sources give her other ids).
    await t.db.query(`INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) VALUES ($1, $2, 'arxiv', 'A1', 'linked'), ($1, $2, 'crossref', 'A1', 'linked')`, [user.id, ada]);

    const org = (await t.http().post('/organizations').set(user.auth).send({ name: 'Gradient Lab', researchNotes: 'They build world models for robotics.', tags: ['Reinforcement Learning'] }).expect(201)).body;
    const team = (await t.http().post(`/organizations/${org.id}/teams`).set(user.auth).send({ name: 'Agents', description: 'Autonomous agents' }).expect(201)).body;
    const application = (
      await t.http().post('/applications').set(user.auth).send({ organizationId: org.id, teamId: team.id, role: 'Research Engineer', builtInTemplate: 'research-engineer', keywords: ['World Models', ' world models ', 'Benchmarks'], notes: 'Offline RL' }).expect(201)
    ).body;
    expect(application.keywords).toEqual(['World Models', 'Benchmarks']);
    applicationId = application.id;
    interviewId = (
      await t.http().post('/interviews').set(user.auth).send({ stageId: application.stages[0].id, startsAt: '2027-01-10T10:00:00Z', timeZone: 'Europe/London', durationMinutes: 45, format: 'video', interviewerIds: [ada, bob] }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it("ranks an interviewer's works with the reasons shown: a cited first-author paper on the team's topic above an old middle-author one", async () => {
    const body = await personChecklist(ada, `?applicationId=${applicationId}`);
    expect(keys(body)[0]).toBe('worldModels');
    expect(keys(body).indexOf('worldModels')).toBeLessThan(keys(body).indexOf('survey'));
    expect(keys(body).sort()).toEqual(['benchmark', 'note', 'special', 'survey', 'worldModels']);
    expect(body.person).toEqual({ id: ada, fullName: 'Ada Lovelace' });
    expect(body.settings).toEqual({ size: 10, weights: { citations: 3, authorship: 2, recency: 1, relevance: 2 }, updatedAt: null });
    expect(body.context.terms).toEqual(expect.arrayContaining([{ term: 'world models', from: ['application'] }, { term: 'reinforcement learning', from: ['organization'] }, { term: 'agents', from: ['team'] }]));

    const top = body.items[0];
    expect(top.work).toMatchObject({ title: 'World Models for Reinforcement Learning Agents', doi: '10.1234/wm', arxivId: '2201.00001', citationCount: 600 });
    // The preprint and the published paper: one item, both links, both records.
    expect(top.links).toEqual({ doi: 'https://doi.org/10.1234/wm', arxiv: 'https://arxiv.org/abs/2201.00001' });
    expect(top.records.map((r: { source: string }) => r.source)).toEqual(['crossref', 'arxiv']);
    expect(top.authors).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
    const reason = (item: any, kind: string) => item.reasons.find((r: { kind: string }) => r.kind === kind);
    expect(reason(top, 'authorship')).toMatchObject({ role: 'first', position: 1, authorCount: 3, value: 1, text: 'first author of 3' });
    expect(reason(top, 'citations')).toMatchObject({ citationCount: 600, value: 1 });
    expect(reason(top, 'citations').citationsPerYear).toBeGreaterThan(100);
    expect(reason(top, 'relevance').matches).toEqual(
      expect.arrayContaining([
        // "a world model" in the abstract: words are compared by their stem.
        { term: 'world models', from: ['application'], in: ['title', 'abstract'] },
        { term: 'reinforcement learning', from: ['organization'], in: ['title'] },
        { term: 'agents', from: ['team'], in: ['title', 'abstract'] },
      ]),
    );
    // The score is the sum of the points its reasons add.
    const sum = top.reasons.reduce((n: number, r: { points: number }) => n + r.points, 0);
    expect(Math.abs(sum - top.score)).toBeLessThan(0.05);

    const survey = body.items.find((i: any) => i.work.id === workId.survey);
    expect(reason(survey, 'authorship')).toMatchObject({ role: 'middle', position: 2, authorCount: 5, value: 0, text: 'author 2 of 5' });
    expect(reason(survey, 'citations').citationsPerYear).toBeLessThan(10);
    expect(reason(survey, 'relevance')).toMatchObject({ value: 0, matches: [] });
    expect(survey.reading).toEqual({ status: 'to_read', notes: null, summary: null, questions: [], updatedAt: null });
    expect(body.coverage).toEqual({ read: 0, total: 5 });
    expect(body.perInterviewer).toEqual([{ id: ada, fullName: 'Ada Lovelace', read: 0, total: 5, worksTotal: 5 }]);
  });

  it('matches no names of contacts and no hiring words, which come from notes and tags and say nothing of a topic', async () => {
    const post = async (url: string, body: object) => (await t.http().post(url).set(user.auth).send(body).expect(201)).body;
    await post('/people', { fullName: 'Petar Veličković' });
    // Ada's works hold "Agent", "Benchmark", "Learning": a team called "Agent Benchmark Target Lab" must still only count its topic words.
    const org = await post('/organizations', { name: 'Noisy Lab', tags: ['lab', 'target', 'Benchmarks'], researchNotes: 'Petar referred me. Target lab for the role; interview loop of five stages.' });
    const team = await post(`/organizations/${org.id}/teams`, { name: 'Agents', researchNotes: 'Petar leads it; referred candidates get a recruiter call.' });
    const noisy = await post('/applications', { organizationId: org.id, teamId: team.id, role: 'Research Engineer', builtInTemplate: 'research-engineer', keywords: ['petar', 'Target'], notes: 'Petar referred me; target team, lab role, interview soon. Learning about world models.' });
    const body = await personChecklist(ada, `?applicationId=${noisy.id}`);
    expect(body.context.terms).toEqual([
      { term: 'agents', from: ['team'] },
      { term: 'benchmarks', from: ['organization'] },
    ]);
    const matched = body.items.flatMap((i: any) => i.reasons.filter((r: { kind: string }) => r.kind === 'relevance').flatMap((r: { matches: { term: string }[] }) => r.matches.map((m) => m.term)));
    expect([...new Set(matched)].sort()).toEqual(['agents', 'benchmarks']);
    // What the user reads: "matches "agents" (title)", never a name or a hiring word.
    const texts = body.items.flatMap((i: any) => i.reasons.filter((r: { kind: string }) => r.kind === 'relevance').map((r: { text: string }) => r.text)).join(' ');
    expect(texts).toContain('"agents"');
    for (const word of ['petar', 'referred', 'target', 'lab', 'team', 'role', 'interview', 'learning', 'world']) expect(texts).not.toContain(`"${word}"`);
  });

  it('leaves relevance out without an application, and 404s for an application of another user', async () => {
    const body = await personChecklist(ada);
    expect(body.context).toBeNull();
    expect(body.items[0].reasons.map((r: { kind: string }) => r.kind)).toEqual(['citations', 'authorship', 'recency']);
    const other = await t.http().get(`/people/${ada}/reading-checklist?applicationId=${applicationId}`).set(stranger.auth).expect(404);
    expect(other.body.code).toBeDefined();
    const strangersApplication = await t.http().get(`/people/${ada}/reading-checklist?applicationId=00000000-0000-4000-8000-000000000000`).set(user.auth).expect(404);
    expect(strangersApplication.body.message).toMatch(/application/i);
  });

  it('changes the order when the weights change, limits the list to the size, and keeps the settings', async () => {
    const recencyOnly = (await put(`/people/${ada}/reading-checklist/settings`, { size: 3, weights: { citations: 0, authorship: 0, recency: 1, relevance: 0 } }).expect(200)).body;
    expect(recencyOnly).toMatchObject({ size: 3, weights: { citations: 0, authorship: 0, recency: 1, relevance: 0 } });
    expect(keys(await personChecklist(ada, `?applicationId=${applicationId}`))).toEqual(['note', 'benchmark', 'worldModels']);

    await put(`/people/${ada}/reading-checklist/settings`, { size: 2, weights: { citations: 0, authorship: 1, recency: 0, relevance: 0 } }).expect(200);
    // First authors first (ties: the more cited).
    expect(keys(await personChecklist(ada))).toEqual(['worldModels', 'note']);

    // Weights left out return to their defaults; the size too.
    const reset = (await put(`/people/${ada}/reading-checklist/settings`, {}).expect(200)).body;
    expect(reset).toMatchObject({ size: 10, weights: { citations: 3, authorship: 2, recency: 1, relevance: 2 } });
    expect(reset.updatedAt).toEqual(expect.any(String));
    expect((await personChecklist(ada)).items).toHaveLength(5);
  });

  it('refuses bad settings with a clear 400 naming the field', async () => {
    const bad = async (body: object): Promise<string[]> => [...new Set(((await put(`/people/${ada}/reading-checklist/settings`, body).expect(400)).body.details as { field: string }[]).map((d) => d.field))];
    expect(await bad({ size: 0 })).toEqual(['size']);
    expect(await bad({ size: 101 })).toEqual(['size']);
    expect(await bad({ size: 2.5 })).toEqual(['size']);
    expect(await bad({ weights: { citations: -1 } })).toEqual(['weights.citations']);
    expect(await bad({ weights: { recency: 'high' } })).toEqual(['weights.recency']);
    expect(await bad({ weights: { citations: 0, authorship: 0, recency: 0, relevance: 0 } })).toEqual(['weights']);
    expect(await bad({ weights: { novelty: 1 } })).toEqual(['weights.novelty']);
    expect(await bad({ colour: 'red' })).toEqual(['colour']);
    await put(`/interviews/${interviewId}/reading-checklist/settings`, { size: 1000 }).expect(400);
    await put(`/people/${ada}/reading-checklist/settings`, { size: 5 }, stranger).expect(404);
  });

  it("keeps the user's reading of each work private, and shows it on the checklist with coverage", async () => {
    const saved = (await put(`/works/${workId.worldModels}/reading`, { status: 'read', notes: 'Dreamer-like.', summary: 'Learn a model, plan inside it.', questions: ['Why not model-free?', '  '] }).expect(200)).body;
    expect(saved).toMatchObject({ workId: workId.worldModels, status: 'read', notes: 'Dreamer-like.', summary: 'Learn a model, plan inside it.', questions: ['Why not model-free?'] });
    // A field left out keeps its value.
    const partial = (await put(`/works/${workId.worldModels}/reading`, { questions: ['Why not model-free?', 'What about partial observability?'] }).expect(200)).body;
    expect(partial).toMatchObject({ status: 'read', notes: 'Dreamer-like.', questions: ['Why not model-free?', 'What about partial observability?'] });
    await put(`/works/${workId.benchmark}/reading`, { status: 'reading' }).expect(200);

    expect((await t.http().get(`/works/${workId.worldModels}/reading`).set(user.auth).expect(200)).body.notes).toBe('Dreamer-like.');
    // Works are shared; readings are not.
    expect((await t.http().get(`/works/${workId.worldModels}/reading`).set(stranger.auth).expect(200)).body).toEqual({ workId: workId.worldModels, status: 'to_read', notes: null, summary: null, questions: [], updatedAt: null });
    await t.http().get('/works/00000000-0000-4000-8000-000000000000/reading').set(user.auth).expect(404);
    const badStatus = await put(`/works/${workId.note}/reading`, { status: 'done' }).expect(400);
    expect(badStatus.body.details).toEqual([expect.objectContaining({ field: 'status' })]);

    const body = await personChecklist(ada);
    const item = body.items.find((i: any) => i.work.id === workId.worldModels);
    expect(item.reading).toMatchObject({ status: 'read', notes: 'Dreamer-like.', summary: 'Learn a model, plan inside it.' });
    expect(body.coverage).toEqual({ read: 1, total: 5 });
  });

  it("unites the interviewers' checklists: a paper both wrote appears once, naming both", async () => {
    const body = (await t.http().get(`/interviews/${interviewId}/reading-checklist`).set(user.auth).expect(200)).body;
    expect(body.interviewers).toEqual([
      { id: ada, fullName: 'Ada Lovelace' },
      { id: bob, fullName: 'Bob Kahn' },
    ]);
    expect(keys(body).sort()).toEqual(['benchmark', 'note', 'robots', 'special', 'survey', 'worldModels']);
    const benchmark = body.items.find((i: any) => i.work.id === workId.benchmark);
    expect(benchmark.interviewers.map((i: any) => [i.fullName, i.authorship.first, i.authorship.last])).toEqual([
      ['Ada Lovelace', false, true],
      ['Bob Kahn', true, false],
    ]);
    // Its score is the best of the two: Bob's, as first author.
    expect(benchmark.score).toBe(Math.max(...benchmark.interviewers.map((i: any) => i.score)));
    expect(benchmark.reading.status).toBe('reading');
    expect(body.context.applicationId).toBe(applicationId);
    expect(body.coverage).toEqual({ read: 1, total: 6 });
    expect(body.perInterviewer).toEqual([
      { id: ada, fullName: 'Ada Lovelace', read: 1, total: 5, worksTotal: 5 },
      { id: bob, fullName: 'Bob Kahn', read: 0, total: 2, worksTotal: 2 },
    ]);

    // The interview's own settings: one item per interviewer; the shared paper counts once.
    await put(`/interviews/${interviewId}/reading-checklist/settings`, { size: 1, weights: { citations: 0, authorship: 1, recency: 1, relevance: 0 } }).expect(200);
    const small = (await t.http().get(`/interviews/${interviewId}/reading-checklist`).set(user.auth).expect(200)).body;
    expect(keys(small)).toEqual(['note', 'benchmark']);
    expect(small.perInterviewer.map((p: any) => p.total)).toEqual([1, 1]);
    await put(`/interviews/${interviewId}/reading-checklist/settings`, {}).expect(200);
  });

  it('refreshes after a sync brings new works, keeping statuses and notes, also when two versions merge into one work', async () => {
    // A preprint the user started reading, and a published paper not yet known to be its version.
    const preprint = (await ingest.ingest([record({ source: 'arxiv', sourceId: '2301.00002', title: 'Offline Agents at Scale', year: thisYear - 1, type: 'preprint', arxivId: '2301.00002', authors: [ADA(1)] })])).workIds[0];
    const published = (await ingest.ingest([record({ source: 'crossref', sourceId: '10.1234/offline', title: 'Offline Agents at Scale, Revisited', year: thisYear, doi: '10.1234/offline', citationCount: 900, authors: [ADA(1), author(2, 'Grace Hopper')] })])).workIds[0];
    await put(`/works/${preprint}/reading`, { status: 'reading', notes: 'Read section 3 again.' }).expect(200);
    let body = await personChecklist(ada, `?applicationId=${applicationId}`);
    expect(body.items).toHaveLength(7);
    expect(body.items.find((i: any) => i.work.id === workId.worldModels).reading.status).toBe('read');

    // Semantic Scholar knows both ids: the two are one work now.
    const merged = (await ingest.ingest([record({ source: 'semanticscholar', sourceId: 's2-offline', title: 'Offline Agents at Scale', year: thisYear, doi: '10.1234/offline', arxivId: '2301.00002', citationCount: 950, authors: [ADA(1), author(2, 'Grace Hopper')] })])).workIds[0];
    expect([preprint, published]).toContain(merged);
    body = await personChecklist(ada, `?applicationId=${applicationId}`);
    expect(body.items).toHaveLength(6);
    const item = body.items.find((i: any) => i.work.id === merged);
    expect(item.links).toEqual({ doi: 'https://doi.org/10.1234/offline', arxiv: 'https://arxiv.org/abs/2301.00002' });
    expect(item.records.map((r: any) => r.source).sort()).toEqual(['arxiv', 'crossref', 'semanticscholar']);
    expect(item.reading).toMatchObject({ status: 'reading', notes: 'Read section 3 again.' });
    expect(body.items.find((i: any) => i.work.id === workId.worldModels).reading).toMatchObject({ status: 'read', notes: 'Dreamer-like.' });
    expect(body.coverage).toEqual({ read: 1, total: 6 });
    workId.offline = merged;
  });

  it('exports a checklist as BibTeX that an independent parser reads back', async () => {
    const res = await t.http().get(`/people/${ada}/reading-checklist.bib?applicationId=${applicationId}`).set(user.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-bibtex/);
    const checklist = await personChecklist(ada, `?applicationId=${applicationId}`);
    const { entries, errors } = parseBibtex(res.text);
    expect(errors).toEqual([]);
    const nfc = (s: string): string => s.normalize('NFC');
    // In checklist order, one entry per item.
    expect(entries.map((e) => nfc(e.fields.title))).toEqual(checklist.items.map((i: any) => i.work.title));
    const special = entries.find((e) => e.fields.doi === '10.1234/special_1')!;
    expect(nfc(special.fields.title)).toBe('Schrödinger’s Policies: 100% Off-Policy & {Robust} Learning_2');
    expect(JSON.parse(nfc(JSON.stringify(special.fields.author)))).toEqual([
      { firstName: 'José', lastName: 'García-Pérez' },
      { firstName: 'Ada', lastName: 'Lovelace' },
    ]);
    expect(special.fields.year).toBe(String(thisYear - 5));
    expect(entries.map((e) => e.fields.doi)).toEqual(checklist.items.map((i: any) => i.work.doi ?? undefined));
    const wm = entries.find((e) => e.fields.doi === '10.1234/wm')!;
    expect(wm.fields.year).toBe(String(thisYear - 4));
    expect(wm.fields.author.map((a: any) => a.lastName)).toEqual(['Lovelace', 'Hopper', 'Turing']);

    const interview = await t.http().get(`/interviews/${interviewId}/reading-checklist.bib`).set(user.auth).expect(200);
    expect(parseBibtex(interview.text).entries.map((e) => e.fields.doi)).toContain('10.1234/robots');
    await t.http().get(`/interviews/${interviewId}/reading-checklist.bib`).set(stranger.auth).expect(404);
  });

  it('takes reading entries, checklist settings and keywords through the export and import round trip', async () => {
    const r = await put(`/people/${ada}/reading-checklist/settings`, { size: 4, weights: { relevance: 5 } });
    expect(r.body).toMatchObject({ size: 4 });
    await put(`/interviews/${interviewId}/reading-checklist/settings`, { size: 3 }).expect(200);
    const exported = (await t.http().get('/export').set(user.auth).expect(200)).body;
    expect(exported.applications[0].keywords).toEqual(['World Models', 'Benchmarks']);
    expect(exported.readingEntries.map((e: any) => [keyOf(e.workId), e.status])).toEqual(expect.arrayContaining([['worldModels', 'read'], ['benchmark', 'reading'], ['offline', 'reading']]));
    expect(exported.readingChecklistSettings).toHaveLength(2);

    const target = await registerUser(t);
    const report = (await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201)).body.report;
    expect(report).toMatchObject({ skipped: 0 });
    const newAda = (await t.http().get('/people?q=Ada').set(target.auth).expect(200)).body.items[0].id;
    const imported = (await t.http().get(`/people/${newAda}/reading-checklist`).set(target.auth).expect(200)).body;
    expect(imported.settings).toMatchObject({ size: 4, weights: { citations: 3, authorship: 2, recency: 1, relevance: 5 } });
    // Her works are found through the identities only once they are linked again (identities are not exported); the reading is kept by work.
    expect((await t.http().get(`/works/${workId.worldModels}/reading`).set(target.auth).expect(200)).body).toMatchObject({ status: 'read', notes: 'Dreamer-like.', questions: ['Why not model-free?', 'What about partial observability?'] });
    const reexported = (await t.http().get('/export').set(target.auth).expect(200)).body;
    expect(reexported.readingEntries.map((e: any) => [e.workId, e.status, e.notes, e.summary, e.questions])).toEqual(exported.readingEntries.map((e: any) => [e.workId, e.status, e.notes, e.summary, e.questions]));
    expect(reexported.readingChecklistSettings.map((c: any) => [c.size, c.weights, c.personId === null])).toEqual(exported.readingChecklistSettings.map((c: any) => [c.size, c.weights, c.personId === null]));
    expect(reexported.applications[0].keywords).toEqual(['World Models', 'Benchmarks']);

    // A reading entry whose work is not cached here is reported, not guessed.
    const orphan = { ...exported, readingEntries: [{ ...exported.readingEntries[0], workId: '00000000-0000-4000-8000-000000000009', doi: '10.9999/unknown', arxivId: null }] };
    const third = await registerUser(t);
    const orphanReport = (await t.http().post('/imports/dossier').set(third.auth).send(orphan).expect(201)).body.report;
    expect(orphanReport.skips).toEqual([{ item: `readingEntries[${exported.readingEntries[0].id}]`, reason: expect.stringContaining('not cached here') }]);
  });

  it("moves a merged person's checklist settings to the survivor, unless the survivor has its own", async () => {
    const duplicate = (await t.http().post('/people').set(user.auth).send({ fullName: 'A. Lovelace' }).expect(201)).body.id;
    const survivor = (await t.http().post('/people').set(user.auth).send({ fullName: 'Augusta Ada King' }).expect(201)).body.id;
    await put(`/people/${duplicate}/reading-checklist/settings`, { size: 7 }).expect(200);
    const merged = (await t.http().post(`/people/${survivor}/merge`).set(user.auth).send({ otherId: duplicate, dryRun: false }).expect(200)).body;
    expect(merged.moved.readingChecklistSettings).toBe(1);
    expect((await personChecklist(survivor)).settings.size).toBe(7);
  });

  it("erases a person's checklist settings with them", async () => {
    const erased = (await t.http().post(`/people/${ada}/erase`).set(user.auth).expect(200)).body;
    expect(erased.erased.readingChecklistSettings).toBe(1);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM reading_checklist_settings WHERE person_id = $1', [ada]);
    expect(n).toBe(0);
  });

  it('keeps application keywords editable and validated', async () => {
    const patched = (await t.http().patch(`/applications/${applicationId}`).set(user.auth).send({ keywords: ['Robotics'] }).expect(200)).body;
    expect(patched.keywords).toEqual(['Robotics']);
    const bad = await t.http().patch(`/applications/${applicationId}`).set(user.auth).send({ keywords: 'robotics' }).expect(400);
    expect(bad.body.details[0].field).toBe('keywords');
    const empty = await t.http().patch(`/applications/${applicationId}`).set(user.auth).send({ keywords: [''] }).expect(400);
    expect(empty.body.details[0].field).toMatch(/^keywords/);
  });
  it("ties the prep task of reading the team lead's papers to the interview's checklist: done once the read share reaches the user's goal", async () => {
    const u = await registerUser(t);
    const as = (method: 'get' | 'put' | 'post' | 'patch', path: string, body?: object) => (body ? t.http()[method](path).set(u.auth).send(body) : t.http()[method](path).set(u.auth));
    const lead = (await as('post', '/people', { fullName: 'Ada Lovelace' }).expect(201)).body.id;
    await t.db.query(`INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) VALUES ($1, $2, 'openalex', 'A1', 'linked'), ($1, $2, 'arxiv', 'A1', 'linked'), ($1, $2, 'crossref', 'A1', 'linked')`, [u.id, lead]);
    const org = (await as('post', '/organizations', { name: 'Goal Lab' }).expect(201)).body;
    let app = (await as('post', '/applications', { organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    for (let i = 0; i < 4; i++) app = (await as('post', `/applications/${app.id}/moves`, { move: 'advance' }).expect(200)).body;
    expect(app.currentStage.name).toBe('Team lead interview');
    const stageTasks = async () => (await as('get', `/tasks?stageId=${app.currentStage.id}&status=all`).expect(200)).body.items as any[];
    const readingTask = async () => (await stageTasks()).find((task) => task.title === "Read the team lead's most cited and first-author papers");
    expect((await as('get', '/reading/goal').expect(200)).body).toEqual({ coverageTarget: 80, updatedAt: null });

    // Before the interview is scheduled the task knows it is about reading, not yet whose papers.
    expect((await readingTask()).reading).toEqual({ interviewId: null, interviewers: [], read: 0, total: 0, percent: null, target: 80, reached: false });
    expect((await stageTasks()).filter((task) => task.reading !== null)).toHaveLength(1);
    const interview = (await as('post', '/interviews', { stageId: app.currentStage.id, startsAt: '2027-02-10T10:00:00Z', timeZone: 'UTC', durationMinutes: 60, format: 'video', interviewerIds: [lead] }).expect(201)).body;
    const checklist = (await as('get', `/interviews/${interview.id}/reading-checklist`).expect(200)).body;
    const total = checklist.items.length;
    expect(total).toBeGreaterThanOrEqual(3);
    const linked = await readingTask();
    expect(linked).toMatchObject({ status: 'open', reading: { interviewId: interview.id, interviewers: [{ id: lead, fullName: 'Ada Lovelace', read: 0, total }], read: 0, total, percent: 0, target: 80, reached: false } });
    expect((await as('get', `/tasks/${linked.id}`).expect(200)).body.reading).toEqual(linked.reading);

    // A goal of 60%: reading papers one by one until the share passes it completes the task, and only it.
    expect((await as('put', '/reading/goal', { coverageTarget: 60 }).expect(200)).body).toMatchObject({ coverageTarget: 60, updatedAt: expect.any(String) });
    const needed = Math.ceil((60 * total) / 100);
    for (const [i, item] of checklist.items.slice(0, needed).entries()) {
      expect((await readingTask()).status).toBe('open');
      await as('put', `/works/${item.work.id}/reading`, { status: 'read' }).expect(200);
      expect((await readingTask()).reading).toMatchObject({ read: i + 1, percent: Math.floor(((i + 1) * 100) / total) });
    }
    const done = await readingTask();
    expect(done).toMatchObject({ status: 'done', done: true, reading: { read: needed, reached: true, target: 60 } });
    expect((await stageTasks()).filter((task) => task.status === 'done').map((task) => task.id)).toEqual([done.id]);
    // By hand it opens again, and is done by hand as any task.
    expect((await as('patch', `/tasks/${done.id}`, { done: false }).expect(200)).body).toMatchObject({ status: 'open', reading: { reached: true } });
    expect((await as('patch', `/tasks/${done.id}`, { done: true }).expect(200)).body.status).toBe('done');

    // A goal the reading already passes completes a task at once; a task written by hand is never tied.
    const senior = (await as('post', `/applications/${app.id}/moves`, { move: 'advance' }).expect(200)).body.currentStage;
    await as('post', '/interviews', { stageId: senior.id, startsAt: '2027-02-20T10:00:00Z', timeZone: 'UTC', durationMinutes: 60, format: 'video', interviewerIds: [lead] }).expect(201);
    const seniorTask = async () => ((await as('get', `/tasks?stageId=${senior.id}&status=all`).expect(200)).body.items as any[]).find((task) => task.title === "Read the senior lead's recent work");
    expect(await seniorTask()).toMatchObject({ status: 'done', reading: { reached: true } });
    expect((await as('post', '/tasks', { title: "Read the team lead's papers again" }).expect(201)).body.reading).toBeNull();
    expect((await as('put', '/reading/goal', { coverageTarget: 0 }).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'coverageTarget' })]);

    // The goal goes through the export and import.
    expect((await as('get', '/export').expect(200)).body.account.readingCoverageTarget).toBe(60);
  });
});
