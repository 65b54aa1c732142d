import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { seedInterviewScene } from '../support/briefing-scene';
import { ReplayServer } from '../support/replay-server';
import { addSemanticScholarAndMoreau, addZoeCandidateSearches, arxivPage, FIXTURES, KAISER, personWithIdentities, scholarlyReplay, syncEnv, ZOE } from '../support/sync-fixtures';
import { TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The scholarly half of a person's page and the reading checklist, in Debian's Chromium against the
 * real API and worker, every source answering from the project's fixtures (test/fixtures/scholarly)
 * through a local replay server: Zoë Ångström's candidates at OpenAlex and Semantic Scholar (her
 * namesakes among them) reviewed, one rejected, two confirmed; "Sync now" followed until its runs end;
 * her works with their sources, her position and citations; papers marked read with a note and a
 * question, coverage going up, the BibTeX answering; an interview's union checklist on its own.
 */
const PASSWORD = 'a long enough password';
/** A Semantic Scholar author id the source does not know (404). */
const UNKNOWN_S2 = '2199999999';

async function replayServer(): Promise<ReplayServer> {
  const replay = addZoeCandidateSearches(addSemanticScholarAndMoreau(await scholarlyReplay()));
  return replay.route({ path: `/graph/v1/author/${UNKNOWN_S2}`, status: 404, file: join(FIXTURES, 'semanticscholar', 'error_404_author.json') });
}

describe('a person’s scholarly identities, works and reading checklist in a browser', () => {
  let replay: ReplayServer;
  let dashboard: Dashboard;
  let t: TestApp;
  let page: Page;
  let baseUrl: string;
  let problems: string[];

  beforeAll(async () => {
    replay = await replayServer();
    dashboard = await startDashboard({ spec: 'scholarly', app: { worker: true, env: syncEnv(replay, { SCHOLARLY_TIMEOUT_MS: '3000' }) } });
    ({ t, page, baseUrl, problems } = dashboard);
  }, 300_000);
  afterAll(async () => {
    await dashboard?.close();
    await replay?.close();
  });

  const region = (name: string | RegExp) => page.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });
  let user: TestUser;

  it('reviews the candidates, confirms and rejects, syncs, lists the works and reads from the checklist', async () => {
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill('scholarly.user@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const login = (await t.http().post('/auth/login').send({ email: 'scholarly.user@example.org', password: PASSWORD }).expect(200)).body;
    user = { id: login.user.id, email: 'scholarly.user@example.org', token: login.token, auth: { Authorization: `Bearer ${login.token}` } };
    const org = (await t.http().post('/organizations').set(user.auth).send({ name: 'KTH Royal Institute of Technology' }).expect(201)).body;
    const zoe = (await t.http().post('/people').set(user.auth).send({ fullName: ZOE, organizationId: org.id, tags: ['machine learning'] }).expect(201)).body;

    await page.goto(`${baseUrl}/app/people/${zoe.id}`);
    await page.getByRole('heading', { name: ZOE, level: 1 }).waitFor();
    const identities = region('Scholarly identities');
    await identities.getByText('No identity linked yet').waitFor();
    await region(/^Works/).getByText('No works yet').waitFor();
    await region('Reading checklist').getByText('Nothing to read yet').waitFor();
    await expect(region('Publication sync').getByRole('button', { name: 'Sync now' }).isDisabled()).resolves.toBe(true);

    // The candidates, best first, each with its score and the reasons in words.
    await identities.getByRole('button', { name: 'Find candidates' }).click();
    const candidates = identities.getByRole('list', { name: 'Candidate identities' }).getByRole('listitem').filter({ has: page.getByRole('button') });
    await candidates.first().waitFor();
    const names = await identities.getByRole('list', { name: 'Candidate identities' }).locator(':scope > li').evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')));
    expect(names).toEqual([`${ZOE} (OpenAlex A5100000001)`, `${ZOE} (Semantic Scholar 2100000001)`, 'Zoe Angstrom (OpenAlex A2100000003)', 'Z. Angstrom (Semantic Scholar 2100000003)']);
    const best = identities.getByRole('listitem', { name: `${ZOE} (OpenAlex A5100000001)` });
    expect(await best.textContent()).toContain('75%');
    await best.getByText('matches the name exactly').waitFor();
    await best.getByText(/Affiliation: Current affiliation "KTH Royal Institute of Technology"/).waitFor();
    // arXiv was not recorded for this name: the source's failure is said, the others still answered.
    await identities.getByText('Some sources could not be searched now').waitFor();
    await dashboard.checkAccessibility('person-scholarly-candidates');

    // Reject a namesake; confirm her at OpenAlex and at Semantic Scholar.
    await identities.getByRole('button', { name: 'Reject Zoe Angstrom (OpenAlex A2100000003)' }).click();
    await identities.getByRole('listitem', { name: 'Zoe Angstrom (OpenAlex A2100000003)' }).getByText('Rejected', { exact: true }).waitFor();
    await identities.getByRole('button', { name: `Confirm ${ZOE} (OpenAlex A5100000001)` }).click();
    await best.getByText('Confirmed', { exact: true }).waitFor();
    await identities.getByRole('button', { name: `Confirm ${ZOE} (Semantic Scholar 2100000001)` }).click();
    const linked = identities.getByRole('list', { name: 'Linked identities' });
    await linked.getByRole('listitem').nth(1).waitFor();
    expect(await linked.getByRole('link').allTextContents()).toEqual([`${ZOE} at OpenAlex`, `${ZOE} at Semantic Scholar`]);
    await identities.getByText('Rejected as someone else (1)').waitFor();
    const stored = (await t.http().get(`/people/${zoe.id}/identities`).set(user.auth).expect(200)).body.items as { source: string; sourceAuthorId: string; status: string }[];
    expect(stored.map((i) => [i.source, i.sourceAuthorId, i.status])).toEqual([
      ['openalex', 'A5100000001', 'linked'],
      ['semanticscholar', '2100000001', 'linked'],
      ['openalex', 'A2100000003', 'rejected'],
    ]);

    // Sync now: the runs are followed until they end, and the works appear.
    const sync = region('Publication sync');
    await sync.getByRole('button', { name: 'Sync now' }).click();
    const runs = sync.getByRole('list', { name: 'Sync runs' }).getByRole('listitem');
    await runs.nth(1).waitFor();
    await sync.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 30_000 });
    await waitFor(async () => ((await sync.locator('.run-succeeded').count()) === 2 ? true : undefined), 30_000);
    expect(await runs.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/OpenAlex.*Done.*synced by you.*works: \d+ new/), expect.stringMatching(/Semantic Scholar.*Done/)]));
    expect(await linked.textContent()).toContain('last synced');

    const works = region(/^Works/);
    const sparse = works.getByRole('listitem').filter({ hasText: 'Sparse Attention at Ångström Scale' });
    await sparse.waitFor();
    const sparseText = (await sparse.textContent())!;
    expect(sparseText).toMatch(/first of \d+ authors/);
    expect(await sparse.getByRole('link', { name: 'OpenAlex' }).count()).toBe(1);
    expect(await sparse.getByRole('link', { name: 'Semantic Scholar' }).count()).toBe(1);
    expect(sparseText).toMatch(/\d+ citations/);
    const total = (await t.http().get(`/people/${zoe.id}/works?limit=1`).set(user.auth).expect(200)).body.total as number;
    expect(total).toBeGreaterThan(3);
    await works.getByRole('heading', { name: `Works (${total})` }).waitFor();
    await works.getByLabel('Order').selectOption('citations');
    await works.getByLabel('Their position').selectOption('first');
    // Only the works she wrote first, most cited first.
    const firstAuthored = await waitFor(async () => {
      const texts = await works.getByRole('list', { name: 'Their works' }).getByRole('listitem').allTextContents();
      return texts.length > 0 && texts.length < total && texts.every((text) => /first of|sole author/.test(text)) ? texts : undefined;
    });
    const citations = firstAuthored.map((text) => Number(/(\d+) citations?$/.exec(text)?.[1] ?? -1));
    expect(citations).toEqual([...citations].sort((a, b) => b - a));
    await dashboard.checkAccessibility('person-scholarly');
    await dashboard.shoot('person-scholarly');

    // The checklist: ranked from the works just synced; read two, with a note and a question on one.
    const checklist = region('Reading checklist');
    const items = checklist.getByRole('list', { name: 'Works to read' }).locator(':scope > li');
    await items.first().waitFor();
    const count = await items.count();
    await checklist.getByText(`0 of ${count} read`, { exact: true }).waitFor();
    const first = items.nth(0);
    const firstTitle = (await first.getAttribute('aria-label'))!;
    await first.getByLabel(`Status of “${firstTitle}”`).selectOption('read');
    await checklist.getByText(`1 of ${count} read`, { exact: true }).waitFor();
    await first.getByText('Add notes and questions').click();
    await first.getByLabel('Notes', { exact: true }).fill('Attention restricted to neighbours within a cutoff radius.');
    await first.getByLabel('Questions for the author (one a line)').fill('How does it scale past 10k atoms?\nWhy a learned cutoff?');
    await first.getByRole('button', { name: 'Save notes' }).click();
    await first.getByRole('list', { name: 'Questions for the author' }).getByText('Why a learned cutoff?').waitFor();
    await first.getByRole('paragraph').filter({ hasText: 'Attention restricted to neighbours' }).waitFor();
    const second = items.nth(1);
    await second.getByLabel(/^Status of/).selectOption('read');
    await checklist.getByText(`2 of ${count} read`, { exact: true }).waitFor();
    expect(await checklist.getByRole('progressbar', { name: 'Reading coverage' }).getAttribute('value')).toBe('2');
    // The server kept it.
    const saved = (await t.http().get(`/people/${zoe.id}/reading-checklist`).set(user.auth).expect(200)).body;
    expect(saved.coverage).toEqual({ read: 2, total: count });
    expect(saved.items[0].reading).toMatchObject({ status: 'read', notes: 'Attention restricted to neighbours within a cutoff radius.', questions: ['How does it scale past 10k atoms?', 'Why a learned cutoff?'] });
    expect(saved.items[0].work.title).toBe(firstTitle);
    expect(saved.items[1].reading.status).toBe('read');
    // After a reload, as it was.
    await page.reload();
    await region('Reading checklist').getByText(`2 of ${count} read`, { exact: true }).waitFor();

    // The BibTeX downloads from the link, with the browser's session (no token).
    const [download] = await Promise.all([page.waitForEvent('download'), checklist.getByRole('link', { name: 'Download BibTeX' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.bib$/);
    const bibtex = readFileSync((await download.path())!, 'utf8');
    expect(bibtex).toMatch(/title = \{Sparse \{Attention\} at/);
    expect(bibtex.match(/^@/gm)).toHaveLength(count);

    // Settings: a refused size is shown under its field.
    await checklist.getByText('Checklist settings').click();
    await checklist.getByLabel('Works on the list').fill('0');
    await checklist.getByRole('button', { name: 'Save settings' }).click();
    await checklist.locator('.field-error').first().waitFor();
    await checklist.getByLabel('Works on the list').fill('3');
    await checklist.getByRole('button', { name: 'Save settings' }).click();
    await checklist.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    await waitFor(async () => ((await items.count()) === 3 ? true : undefined));
    await checklist.getByText(/of 3 read/).waitFor();
    await dashboard.checkAccessibility('reading-checklist');
    await dashboard.shoot('reading-checklist');
    expect(problems).toEqual([]);
  }, 120_000);

  it('says plainly when a source is busy and when it refuses an identity, where each belongs', async () => {
    const { personId } = await personWithIdentities(t, user, 'Lukasz Kaiser', [
      ['arxiv', KAISER],
      ['semanticscholar', UNKNOWN_S2],
    ]);
    await page.goto(`${baseUrl}/app/people/${personId}`);
    const identities = region('Scholarly identities');
    await identities.getByRole('list', { name: 'Linked identities' }).getByRole('listitem').nth(1).waitFor();

    // Adding an author the source does not know: refused, and said in the form.
    await identities.getByLabel('Source').selectOption('semanticscholar');
    await identities.getByLabel('Id or profile address').fill('2188888888');
    replay.route({ path: '/graph/v1/author/2188888888', status: 404, file: join(FIXTURES, 'semanticscholar', 'error_404_author.json') });
    await identities.getByRole('button', { name: 'Add' }).click();
    const addForm = identities.getByRole('form', { name: 'Add an identity' });
    await addForm.locator('.field-error').filter({ hasText: /is not an author at semanticscholar/ }).waitFor();
    expect(await addForm.getByLabel('Id or profile address').getAttribute('aria-invalid')).toBe('true');

    // arXiv answers 429 once (busy) to its first read (the listing's first page: a manual sync reads no snapshot apart), then its recordings; Semantic Scholar does not know the author.
    replay.fault(arxivPage(0), { kind: 'status', status: 429, headers: { 'retry-after': '3' }, body: 'Rate exceeded.' });
    const sync = region('Publication sync');
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await sync.getByText('The source is busy (rate-limited): the sync waits and carries on by itself.').waitFor({ timeout: 15_000 });
    await sync.getByText('The source no longer knows this identity', { exact: false }).waitFor({ timeout: 15_000 });
    await dashboard.checkAccessibility('person-scholarly-sync-problems');
    await waitFor(async () => ((await sync.locator('.run-succeeded').count()) === 1 ? true : undefined), 30_000);
    const broken = identities.getByRole('list', { name: 'Linked identities' }).getByRole('listitem').filter({ hasText: UNKNOWN_S2 });
    await broken.getByText(/The source refused this identity: .*404/).waitFor();
    expect(await broken.textContent()).toContain('broken');
    await region(/^Works/).getByRole('heading', { name: /^Works \([1-9]/ }).waitFor();

    // Unlinked: gone from the page and from the server (the user had linked it: nothing is kept).
    await broken.getByRole('button', { name: `Unlink Lukasz Kaiser at Semantic Scholar` }).click();
    await broken.waitFor({ state: 'detached' });
    const left = (await t.http().get(`/people/${personId}/identities`).set(user.auth).expect(200)).body.items as { source: string }[];
    expect(left.map((i) => i.source)).toEqual(['arxiv']);
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows an interview's union checklist on its own: one list for its interviewers, with each one's coverage", async () => {
    const scene = await seedInterviewScene(t, user);
    await page.goto(`${baseUrl}/app/interviews/${scene.interviewId}`);
    const checklist = region('Reading checklist for this interview');
    const perInterviewer = checklist.getByRole('list', { name: 'Coverage per interviewer' });
    await perInterviewer.getByText('Ada Lovelace').waitFor();
    expect(await perInterviewer.textContent()).toContain('no works known');
    const planning = checklist.getByRole('listitem', { name: 'Notes on Planning with Learned Models' });
    await planning.getByText(/For Ada Lovelace \(#\d on their list\)/).waitFor();
    expect(await planning.getByLabel(/^Status of/).inputValue()).toBe('read');
    // What the user wrote on it: the summary in their words and the question for the author.
    await planning.getByRole('paragraph').filter({ hasText: 'Plans in a learned latent space' }).waitFor();
    await planning.getByRole('list', { name: 'Questions for the author' }).getByText('How does it fail when the model is wrong?').waitFor();
    const before = (await t.http().get(`/interviews/${scene.interviewId}/reading-checklist`).set(user.auth).expect(200)).body.coverage;
    const scaling = checklist.getByRole('listitem', { name: 'Scaling World Models' });
    await scaling.getByLabel(/^Status of/).selectOption('read');
    await checklist.getByText(`${before.read + 1} of ${before.total} read`, { exact: true }).waitFor();
    const bib = await page.request.get(`${baseUrl}${await checklist.getByRole('link', { name: 'Download BibTeX' }).getAttribute('href')}`);
    expect(bib.status()).toBe(200);
    expect(await bib.text()).toContain('title = {Scaling {World} {Models}}');
    await dashboard.checkAccessibility('reading-checklist-interview');
    await dashboard.shoot('reading-checklist-interview');

    // A person who does not exist: the person's page says so once; the scholarly sections add nothing.
    await page.goto(`${baseUrl}/app/people/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').first().waitFor();
    await page.getByRole('link', { name: 'Back to people' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Scholarly identities' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it("holds back a namesake's work that only the arXiv name query lists, says why, and counts it once accepted", async () => {
    const okafor = 'au:"Tomas Okafor"';
    replay
      .route({ path: '/api/query', query: { search_query: okafor, sortBy: 'lastUpdatedDate', max_results: '1' }, file: join(FIXTURES, 'arxiv', 'au_tomas-okafor_updated.atom.xml') })
      .route({ path: '/api/query', query: { search_query: okafor, sortBy: 'submittedDate', start: '0' }, file: join(FIXTURES, 'arxiv', 'au_tomas-okafor_start-0.atom.xml') });
    const { personId } = await personWithIdentities(t, user, 'Tomás Okafor', [['arxiv', okafor]]);
    await page.goto(`${baseUrl}/app/people/${personId}`);
    const sync = region('Publication sync');
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await waitFor(async () => ((await sync.locator('.run-succeeded').count()) === 1 ? true : undefined), 30_000);

    const works = region(/^Works/);
    await works.getByRole('heading', { name: 'Works (4)' }).waitFor();
    const held = works.getByRole('group', { name: '1 work held back: unconfirmed' });
    const dust = held.getByRole('listitem', { name: 'Dust Lanes in Barred Spiral Galaxies at z ~ 1' });
    await dust.getByText(/Only the arXiv name query au:"Tomas Okafor" lists it, where the author is written "T\. Okafor"/).waitFor();
    expect(await works.getByRole('list', { name: 'Their works' }).textContent()).not.toContain('Dust Lanes');
    const checklist = region('Reading checklist');
    await checklist.getByText('0 of 4 read', { exact: true }).waitFor();
    await dashboard.checkAccessibility('person-scholarly-held-works');
    await dashboard.shoot('person-scholarly-held-works');

    await dust.getByRole('button', { name: 'Accept “Dust Lanes in Barred Spiral Galaxies at z ~ 1” as theirs' }).click();
    await works.getByRole('heading', { name: 'Works (5)' }).waitFor();
    await held.waitFor({ state: 'detached' });
    await works.getByRole('list', { name: 'Their works' }).getByText('Dust Lanes in Barred Spiral Galaxies at z ~ 1').waitFor();
    // The checklist, built on the works, follows without a reload.
    await checklist.getByRole('listitem', { name: 'Dust Lanes in Barred Spiral Galaxies at z ~ 1' }).waitFor();
    await checklist.getByText('0 of 5 read', { exact: true }).waitFor();
    const accepted = (await t.http().get(`/people/${personId}/work-attributions?state=accepted`).set(user.auth).expect(200)).body.items as { work: { arxivId: string } }[];
    expect(accepted.map((a) => a.work.arxivId)).toEqual(['2307.40004']);
    expect(problems).toEqual([]);
  }, 60_000);
});
