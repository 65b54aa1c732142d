import type { NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import type { TestApp, TestUser } from './test-app';
import { workAuthor as author, workRecord } from './work-records';

/**
 * One interview to brief, built through the API with fixed dates so its briefing is the same on
 * every run: a lab with research notes, an application referred by a friend and moved to the team
 * lead stage, an interview with two interviewers (Ada, with works from two sources; Edsger, with
 * none; Ada met at the coding interview before, with the user's notes on her), a contact who wrote with
 * Ada, and the user living in Paris while the interview is set in London.
 */
export interface Scene {
  applicationId: string;
  interviewId: string;
  teamLeadStageId: string;
  people: Record<'ada' | 'edsger' | 'alan' | 'grace' | 'rita' | 'hedy', string>;
  prepTaskIds: string[];
  /** Ingests one more work with Ada as first author (what a later sync would bring). */
  addWork(title: string, year: number): Promise<void>;
  /** Another interview at the team lead stage with Ada, at `startsAt`; returns its id. */
  scheduleInterview(startsAt: string): Promise<string>;
}

const FETCHED_AT = new Date('2026-11-01T08:00:00Z');

/** A record with its source's real URL, as the briefing links it. */
function record(overrides: Parameters<typeof workRecord>[0]): NormalizedWork {
  const url = overrides.source === 'openalex' ? `https://openalex.org/${overrides.sourceId}` : `https://www.semanticscholar.org/paper/${overrides.sourceId}`;
  return workRecord({ sourceUrl: url, ...overrides });
}



/** Ada's works: OpenAlex A100 and Semantic Scholar S100 are hers; Alan (a contact) is OpenAlex A200. */
const ADA_WORKS: NormalizedWork[] = [
  record({ source: 'openalex', sourceId: 'W2001', title: 'Scaling World Models', year: 2026, publicationDate: '2026-01-15', venue: 'ICLR', type: 'conference-paper', doi: '10.5555/swm', citationCount: 15, authors: [author(1, 'Ada Lovelace', 'A100'), author(2, 'Kurt Gödel', 'A300')] }),
  record({ source: 'semanticscholar', sourceId: 's2-2001', title: 'Scaling world models', year: 2026, venue: 'ICLR', type: 'conference-paper', doi: '10.5555/swm', citationCount: 12, authors: [author(1, 'Ada Lovelace', 'S100'), author(2, 'Kurt Gödel', 'S300')] }),
  record({ source: 'openalex', sourceId: 'W2002', title: 'Deep Residual Learning for Image Recognition', year: 2016, publicationDate: '2016-06-27', venue: 'CVPR', doi: '10.1109/cvpr.2016.90', citationCount: 500, authors: [author(1, 'Alan Turing', 'A200'), author(2, 'Kurt Gödel', 'A300'), author(3, 'Ada Lovelace', 'A100')] }),
  record({ source: 'openalex', sourceId: 'W2003', title: 'Notes on Planning with Learned Models', year: 2024, publicationDate: '2024-07-21', venue: 'ICML', citationCount: 100, authors: [author(1, 'Ada Lovelace', 'A100'), author(2, 'Emmy Noether', 'A400')] }),
  // Not Ada's: Kurt Gödel (her co-author, not a contact) with Hedy Lamarr (a contact): Hedy is one co-author away.
  record({ source: 'openalex', sourceId: 'W2005', title: 'Frequency Hopping for Learned Planners', year: 2022, venue: 'NeurIPS', citationCount: 3, authors: [author(1, 'Hedy Lamarr', 'A700'), author(2, 'Kurt Gödel', 'A300')] }),
  record({ source: 'openalex', sourceId: 'W2004', title: 'A Treatise on Engines & Their *Uses*', year: 2018, venue: 'Journal of Engines', type: 'book', citationCount: 40, authors: [author(1, 'Charles Babbage', 'A500'), author(2, 'Ada Lovelace', 'A100'), author(3, 'Mary Somerville', 'A600')] }),
];

export async function seedInterviewScene(t: TestApp, user: TestUser): Promise<Scene> {
  const post = async (url: string, body: object, status = 201) => (await t.http().post(url).set(user.auth).send(body).expect(status)).body;
  await t.http().patch('/me').set(user.auth).send({ timeZone: 'Europe/Paris' }).expect(200);

  const org = await post('/organizations', {
    name: 'Example Frontier Lab',
    website: 'https://lab.example.org',
    researchNotes: 'World models and planning; the charter stresses careful evaluation.',
  });
  const team = await post(`/organizations/${org.id}/teams`, { name: 'Core', researchNotes: 'Pretraining and world models.' });
  const person = async (body: object) => (await post('/people', { organizationId: org.id, ...body })).id as string;
  const people = {
    ada: await person({ fullName: 'Ada Lovelace', headline: 'Research Scientist, world models', role: 'Team lead', teamId: team.id, links: { homepage: 'https://ada.example.org' } }),
    edsger: await person({ fullName: 'Edsger Dijkstra', headline: 'Staff Research Engineer', teamId: team.id }),
    alan: (await post('/people', { fullName: 'Alan Turing', headline: 'Professor' })).id as string,
    grace: (await post('/people', { fullName: 'Grace Hopper', headline: 'Friend at the lab' })).id as string,
    rita: await person({ fullName: 'Rita Recruiter', headline: 'Technical recruiter' }),
    hedy: (await post('/people', { fullName: 'Hedy Lamarr', headline: 'Inventor' })).id as string,
  };
  // As a sync leaves them: each identity with the author record its source last gave.
  const snapshot = (source: string, id: string, name: string, affiliations: string[], topics: string[]) => ({ source, sourceAuthorId: id, name, worksCount: 4, citationCount: 655, updatedAt: null, affiliations, topics });
  for (const [personId, source, id, name, last] of [
    [people.ada, 'openalex', 'A100', 'Ada Lovelace', snapshot('openalex', 'A100', 'Ada Lovelace', ['Example Frontier Lab', 'University of Cambridge'], ['World models', 'Model-based reinforcement learning'])],
    [people.ada, 'semanticscholar', 'S100', 'Ada Lovelace', snapshot('semanticscholar', 'S100', 'Ada Lovelace', ['Example Frontier Lab'], [])],
    [people.alan, 'openalex', 'A200', 'Alan Turing', null],
    [people.hedy, 'openalex', 'A700', 'Hedy Lamarr', null],
  ] as const) {
    await t.db.query(
      "INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by, last_snapshot, last_synced_at) VALUES ($1, $2, $3, $4, $5, 'linked', 'user', $6, $7)",
      [user.id, personId, source, id, name, last, last ? FETCHED_AT : null],
    );
  }
  const ingest = new WorksIngestService(new WorksRepository(t.db));
  await ingest.ingest(ADA_WORKS, FETCHED_AT);
  await post(`/people/${people.ada}/interactions`, { type: 'conference_chat', occurredAt: '2025-06-01T10:00:00Z', summary: 'Talked about planning at ICML', asked: 'Advice on applying to the Core team' });

  const application = await post('/applications', {
    organizationId: org.id,
    teamId: team.id,
    role: 'Research Engineer',
    builtInTemplate: 'research-engineer',
    appliedOn: '2026-09-01',
    recruiterId: people.rita,
    notes: 'Bring <script>-free questions about evaluation.',
    keywords: ['world models', 'planning'],
  });
  const move = (move: string, at: string) => post(`/applications/${application.id}/moves`, { move, at }, 200);
  const days = ['2026-09-10', '2026-09-20', '2026-10-01', '2026-10-12'];
  for (const day of days) {
    await move('pass', `${day}T12:00:00Z`);
    await move('advance', `${day}T12:05:00Z`);
  }
  await post('/referrals', { applicationId: application.id, referrerId: people.grace, status: 'submitted', on: '2026-09-02', notes: 'Grace sent my CV to the Core lead.' });
  const teamLead = (application.stages as { id: string; name: string }[]).find((s) => s.name === 'Team lead interview');
  if (!teamLead) throw new Error('the research-engineer loop has no team lead stage');

  const schedule = async (startsAt: string, interviewerIds: string[]) =>
    (
      await post('/interviews', {
        stageId: teamLead.id,
        startsAt,
        timeZone: 'Europe/London',
        durationMinutes: 45,
        format: 'video',
        meetingUrl: 'https://meet.example.com/lab-core',
        interviewerIds,
        prepNotes: 'Ada leads the world-model work; expect depth on planning.',
      })
    ).id as string;
  const interviewId = await schedule('2027-03-02T13:00:00Z', [people.ada, people.edsger]);
  // Ada sat on the coding interview already: the user's notes on her there come back in the briefing.
  const coding = (application.stages as { id: string; name: string }[]).find((s) => s.name === 'Coding interview')!;
  const codingInterview = (await post('/interviews', { stageId: coding.id, startsAt: '2026-10-05T09:00:00Z', timeZone: 'Europe/London', durationMinutes: 60, format: 'video', interviewerIds: [people.ada] })).id as string;
  await t.http().patch(`/interviews/${codingInterview}`).set(user.auth).send({ outcome: 'passed' }).expect(200);
  await t.http().put(`/interviews/${codingInterview}/interviewers/${people.ada}/notes`).set(user.auth).send({ asked: 'A *beam search* over learned models', howItWent: 'Fine; ran short on time for tests', followUp: 'Send the <script>-free notebook' }).expect(200);

  // What the user has read and wants to ask, and the projects to be ready to discuss.
  const [{ id: planning }] = await t.db.query("SELECT work_id AS id FROM work_records WHERE source = 'openalex' AND source_id = 'W2003'");
  const [{ id: scaling }] = await t.db.query("SELECT work_id AS id FROM work_records WHERE source = 'openalex' AND source_id = 'W2001'");
  await t.http().put(`/works/${planning}/reading`).set(user.auth).send({ status: 'read', summary: 'Plans in a learned latent space; beats MCTS at a tenth of the compute.', questions: ['How does it fail when the model is wrong?'] }).expect(200);
  await t.http().put(`/works/${scaling}/reading`).set(user.auth).send({ status: 'reading', notes: 'Section 4: the compute-optimal frontier.' }).expect(200);
  await post('/resume-projects', {
    title: 'Distributed RL trainer',
    summary: 'A trainer for 512 actors on preemptible machines.',
    role: 'Lead engineer',
    periodFrom: '2024-01',
    periodTo: '2025-06',
    tags: ['JAX', 'Kubernetes'],
    links: [{ url: 'https://github.com/example/trainer', label: 'code' }],
    talkingPoints: ['Why actors restart without losing episodes', 'The 3× throughput fix'],
    stageTypes: ['team_lead', 'research'],
  });
  await post('/resume-projects', { title: 'Quiz-only project', stageTypes: ['quiz'] });
  const prepTaskIds = ((await t.db.query('SELECT id FROM tasks WHERE stage_id = $1 ORDER BY sequence, created_at, id', [teamLead.id])) as { id: string }[]).map((r) => r.id);

  let added = 0;
  return {
    applicationId: application.id,
    interviewId,
    teamLeadStageId: teamLead.id,
    people,
    prepTaskIds,
    async addWork(title, year) {
      added += 1;
      await ingest.ingest([record({ source: 'openalex', sourceId: `W29${added}`, title, year, publicationDate: `${year}-10-0${added}`, citationCount: 0, authors: [author(1, 'Ada Lovelace', 'A100')] })], FETCHED_AT);
    },
    scheduleInterview: (startsAt) => schedule(startsAt, [people.ada]),
  };
}
