import { Locator, Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { ReplayServer } from '../support/replay-server';
import { addSemanticScholarAndMoreau, addZoeCandidateSearches, scholarlyReplay, syncEnv, ZOE } from '../support/sync-fixtures';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The user's whole story from a blank account, in Debian's Chromium, through the UI alone once the
 * server is up (the server's state is only read, to check what the screens say): sign up; import a
 * LinkedIn Connections.csv; open an imported researcher, review her scholarly identity candidates
 * (a namesake rejected, her two profiles confirmed) and sync them from the local replay server; read
 * two of her papers off her checklist; add an organization with two teams; apply on the research-lab
 * loop; schedule an interview with her as interviewer; generate and read its briefing (her works in
 * it) and open its HTML; Today shows the interview, its briefing and reading, and its prep tasks;
 * the application moves stage by stage, fails a late stage, is rerouted to the other team and
 * reaches an offer.
 */
const PASSWORD = 'a long enough password';
const EMAIL = 'story.user@example.org';
const PAPER = 'Sparse Attention at Ångström Scale';

// LinkedIn's export as it writes it: a "Notes:" preamble, a blank line, the header, then one row a connection.
const CONNECTIONS =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address."\n\n' +
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n' +
  'Zoë,Ångström,https://www.linkedin.com/in/zoe-angstrom-story,zoe@example.org,KTH Royal Institute of Technology,"Research Scientist, Machine Learning",14 Oct 2025\n' +
  'Tomás,Rivera,https://www.linkedin.com/in/tomas-rivera-story,,Hirewell Talent,Technical Recruiter,02 Sep 2025\n' +
  'Priya,Natarajan,https://www.linkedin.com/in/priya-natarajan-story,priya@example.org,Yale University,Professor,21 Jun 2024\n';

/** "YYYY-MM-DD" of the day after today, in UTC (the browser's and the new account's zone). */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('the whole story, from a blank account, in a browser', () => {
  let replay: ReplayServer;
  let dashboard: Dashboard;
  let t: TestApp;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    replay = addZoeCandidateSearches(addSemanticScholarAndMoreau(await scholarlyReplay()));
    dashboard = await startDashboard({ spec: 'story', app: { worker: true, env: syncEnv(replay, { SCHOLARLY_TIMEOUT_MS: '3000' }) } });
    ({ t, page, baseUrl } = dashboard);
  }, 300_000);
  afterAll(async () => {
    await dashboard?.close();
    await replay?.close();
  });

  const region = (name: string | RegExp, within: Page | Locator = page) => within.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  const heading = (name: string) => page.getByRole('heading', { name, level: 1 }).waitFor();
  /** The server's state, read with a token of the account the browser created (never to change anything). */
  let auth: { Authorization: string };
  const read = async (path: string) => (await t.http().get(path).set(auth).expect(200)).body;

  it('signs up, imports, reviews and syncs a researcher, reads her papers, applies, interviews with her briefing, and reaches an offer after a reroute', async () => {
    // Sign up: the first account; Today is empty.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Create one' }).click();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading('Today');
    await region('Upcoming interviews').getByText('No interview in the next two weeks.').waitFor();
    auth = { Authorization: `Bearer ${(await t.http().post('/auth/login').send({ email: EMAIL, password: PASSWORD }).expect(200)).body.token}` };
    await dashboard.checkAccessibility('story-today-empty');
    await dashboard.shoot('story-today-empty');

    // Import LinkedIn's Connections.csv: three people created.
    await nav('Imports');
    await heading('Imports and exports');
    await page.getByLabel('Contacts file', { exact: true }).setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(CONNECTIONS) });
    await region('Import contacts').getByRole('button', { name: 'Import contacts' }).click();
    const report = region('Import report');
    await report.getByText('LinkedIn connections').waitFor();
    expect(await report.getByRole('definition').allTextContents()).toEqual(['3', '0', '0', '0']);
    await report.getByText('No row was skipped.').waitFor();

    // Her page, found in People.
    await nav('People');
    await heading('People');
    const people = page.getByRole('list', { name: 'People' });
    await people.getByRole('link', { name: ZOE }).waitFor();
    expect(await people.getByRole('listitem').count()).toBe(3);
    await people.getByRole('link', { name: ZOE }).click();
    await heading(ZOE);
    const zoeId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await read(`/people/${zoeId}`)).toMatchObject({ fullName: ZOE, headline: 'Research Scientist, Machine Learning', organization: expect.objectContaining({ name: 'KTH Royal Institute of Technology' }) });

    // Her scholarly identities: the candidates reviewed, a namesake rejected, her two profiles confirmed.
    const identities = region('Scholarly identities');
    await identities.getByText('No identity linked yet').waitFor();
    await identities.getByRole('button', { name: 'Find candidates' }).click();
    await identities.getByRole('listitem', { name: `${ZOE} (OpenAlex A5100000001)` }).getByText('matches the name exactly').waitFor();
    await identities.getByRole('button', { name: 'Reject Zoe Angstrom (OpenAlex A2100000003)' }).click();
    await identities.getByRole('listitem', { name: 'Zoe Angstrom (OpenAlex A2100000003)' }).getByText('Rejected', { exact: true }).waitFor();
    await identities.getByRole('button', { name: `Confirm ${ZOE} (OpenAlex A5100000001)` }).click();
    await identities.getByRole('listitem', { name: `${ZOE} (OpenAlex A5100000001)` }).getByText('Confirmed', { exact: true }).waitFor();
    await identities.getByRole('button', { name: `Confirm ${ZOE} (Semantic Scholar 2100000001)` }).click();
    const linked = identities.getByRole('list', { name: 'Linked identities' });
    await linked.getByRole('listitem').nth(1).waitFor();
    expect(await linked.getByRole('link').allTextContents()).toEqual([`${ZOE} at OpenAlex`, `${ZOE} at Semantic Scholar`]);
    const stored = (await read(`/people/${zoeId}/identities`)).items as { sourceAuthorId: string; status: string }[];
    expect(stored.map((i) => [i.sourceAuthorId, i.status])).toEqual([
      ['A5100000001', 'linked'],
      ['2100000001', 'linked'],
      ['A2100000003', 'rejected'],
    ]);

    // Synced from the sources: her works appear.
    const sync = region('Publication sync');
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await waitFor(async () => ((await sync.locator('.run-succeeded').count()) === 2 ? true : undefined), 40_000);
    const works = region(/^Works/);
    await works.getByRole('listitem').filter({ hasText: PAPER }).waitFor();
    const total = (await read(`/people/${zoeId}/works?limit=1`)).total as number;
    await works.getByRole('heading', { name: `Works (${total})` }).waitFor();

    // Her reading checklist: two papers read.
    const checklist = region('Reading checklist');
    const items = checklist.getByRole('list', { name: 'Works to read' }).locator(':scope > li');
    await items.first().waitFor();
    const count = await items.count();
    await checklist.getByText(`0 of ${count} read`, { exact: true }).waitFor();
    await items.nth(0).getByLabel(/^Status of/).selectOption('read');
    await checklist.getByText(`1 of ${count} read`, { exact: true }).waitFor();
    await items.nth(1).getByLabel(/^Status of/).selectOption('read');
    await checklist.getByText(`2 of ${count} read`, { exact: true }).waitFor();
    expect((await read(`/people/${zoeId}/reading-checklist`)).coverage).toEqual({ read: 2, total: count });
    await dashboard.shoot('story-person');

    // An organization with two teams.
    await nav('Organizations');
    await heading('Organizations');
    const add = region('Add an organization');
    await add.getByLabel('Name').fill('Frontier Lab');
    await add.getByRole('button', { name: 'Add organization' }).click();
    await add.getByRole('status').getByRole('link', { name: 'Frontier Lab' }).click();
    await heading('Frontier Lab');
    const teams = region('Teams');
    for (const name of ['Core', 'Applied']) {
      await teams.getByLabel('New team').fill(name);
      await teams.getByRole('button', { name: 'Add team' }).click();
      await teams.getByRole('list', { name: 'Teams' }).getByText(name, { exact: true }).waitFor();
    }

    // An application on the research-lab loop, from the Pipeline.
    await nav('Pipeline');
    await heading('Pipeline');
    await page.getByRole('button', { name: 'Create an application' }).click();
    const form = page.getByRole('form', { name: 'New application' });
    await form.getByLabel('Organization').selectOption({ label: 'Frontier Lab' });
    await form.getByLabel('Team').selectOption({ label: 'Core' });
    await form.getByLabel('Role').fill('Research Engineer');
    await form.getByLabel('Loop').selectOption('built-in:research-engineer');
    await form.getByRole('button', { name: 'Create the application' }).click();
    await form.getByRole('status').getByText('now at “Recruiter chat”').waitFor();
    const board = page.locator('[data-board-ready]');
    const card = board.getByRole('article', { name: /Research Engineer/ });
    const column = (name: string) => board.getByRole('region', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`) });
    await column('Recruiter chat').getByRole('article', { name: /Research Engineer/ }).waitFor();
    const [application] = (await read('/applications')).items;
    expect(application).toMatchObject({ role: 'Research Engineer', templateName: 'Research lab loop: Research Engineer', organization: expect.objectContaining({ name: 'Frontier Lab' }) });

    // Its page: schedule the team lead interview, tomorrow at 14:00, with her as interviewer.
    await card.getByRole('link').first().click();
    await heading('Research Engineer');
    await region('Interviews').getByText('No interview yet.').waitFor();
    await region('Interviews').getByRole('link', { name: 'Schedule an interview' }).click();
    await heading('Schedule an interview');
    await page.getByRole('option', { name: '5. Team lead interview (upcoming)' }).waitFor({ state: 'attached' });
    await page.getByLabel('Stage').selectOption({ label: '5. Team lead interview (upcoming)' });
    await page.getByLabel('Starts at').fill(`${tomorrow()}T14:00`);
    await page.getByLabel('Duration (minutes)').fill('60');
    await page.getByLabel('Find a person').fill('Ångström');
    await page.getByRole('button', { name: `Add ${ZOE}` }).click();
    await page.getByRole('button', { name: `Remove ${ZOE}` }).waitFor();
    await dashboard.checkAccessibility('story-schedule');
    await page.getByRole('button', { name: 'Schedule the interview' }).click();
    await heading('Team lead interview at Frontier Lab');
    const interviewId = new URL(page.url()).pathname.split('/').pop()!;
    expect((await read(`/interviews/${interviewId}`)).interviewers.map((p: { fullName: string }) => p.fullName)).toEqual([ZOE]);
    await region('Interviewers').getByRole('link', { name: ZOE }).waitFor();
    // The application's page, seen a moment ago without it, lists it now.
    await page.getByRole('link', { name: 'Research Engineer · Frontier Lab · Core' }).click();
    await heading('Research Engineer');
    await region('Interviews').getByRole('link', { name: /^Team lead interview, / }).click();
    await heading('Team lead interview at Frontier Lab');

    // Its briefing, written in the background and read here: her works are in it.
    const briefings = region('Briefings');
    await briefings.getByRole('button', { name: 'Generate a new version' }).click();
    const v1 = briefings.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Version 1' }) });
    await v1.getByText('Ready').waitFor({ timeout: 30_000 });
    await v1.getByRole('button', { name: 'Read version 1 here' }).click();
    const doc = region('Briefing, version 1');
    await doc.getByRole('heading', { name: ZOE, level: 4 }).waitFor();
    await doc.getByText(PAPER).first().waitFor();
    await dashboard.checkAccessibility('story-interview-briefing');
    await dashboard.shoot('story-interview-briefing');
    // And as HTML, in a new tab with the browser's session.
    const [html] = await Promise.all([page.waitForEvent('popup'), v1.getByRole('link', { name: 'HTML of version 1' }).click()]);
    await html.waitForLoadState();
    expect(await html.title()).toBe('Briefing: Team lead interview at Frontier Lab (v1)');
    expect(await html.locator('body').textContent()).toContain(PAPER);
    await html.close();

    // Stage by stage on the board.
    await nav('Pipeline');
    await card.getByRole('button', { name: /^Move/ }).click();
    await card.getByRole('button', { name: 'Passed this stage' }).click();
    await card.getByText('(passed)').waitFor();
    const advanceTo = async (next: string) => {
      await card.getByRole('button', { name: /^Move/ }).click();
      await card.getByRole('button', { name: 'Advance to the next stage' }).click();
      await column(next).getByRole('article', { name: /Research Engineer/ }).waitFor();
    };
    for (const next of ['Quiz: maths, statistics, CS and ML', 'Second quiz', 'Coding interview', 'Team lead interview']) await advanceTo(next);
    await dashboard.shoot('story-board');

    // At the team lead stage, Today shows the interview with her, its briefing and reading, the
    // stage's prep tasks, due today (the day before the interview), and her works as new.
    await nav('Today');
    await heading('Today');
    const upcoming = region('Upcoming interviews').getByRole('listitem').filter({ hasText: 'Team lead interview · Research Engineer at Frontier Lab' });
    await upcoming.getByText(`with ${ZOE}`, { exact: false }).waitFor();
    await upcoming.getByRole('link', { name: 'Briefing (v1)' }).waitFor();
    const coverage = (await read(`/interviews/${interviewId}/reading-checklist`)).coverage;
    expect(coverage.read).toBe(2);
    await upcoming.getByTestId('reading-coverage').getByText(new RegExp(`^Reading: 2 of ${coverage.total} read`)).waitFor();
    const tasks = region('Tasks due');
    const prep = tasks.getByRole('listitem').filter({ hasText: 'Prepare questions about the team’s roadmap' });
    await prep.waitFor();
    await prep.getByRole('button', { name: 'Mark “Prepare questions about the team’s roadmap” done' }).click();
    await prep.waitFor({ state: 'detached' });
    // Her works, new since the user last looked, by her.
    await region('New works').getByRole('listitem').filter({ hasText: PAPER }).getByRole('link', { name: ZOE }).waitFor();
    await dashboard.checkAccessibility('story-today');
    await dashboard.shoot('story-today');

    // On to the senior lead stage.
    await nav('Pipeline');
    await advanceTo('Senior team lead interview');

    // The senior lead stage failed on the application's page.
    await card.getByRole('link').first().click();
    await heading('Research Engineer');
    const moves = region('Where it stands');
    await moves.getByLabel('Note on the move (optional)').fill('Senior lead wanted more research depth');
    await moves.getByRole('button', { name: 'Failed this stage' }).click();
    await moves.getByRole('button', { name: 'Yes: failed this stage' }).click();
    await moves.getByRole('status').getByText('Recorded: failed this stage.').waitFor();
    await page.getByText('No move is possible: this loop has ended.').waitFor();

    // Rerouted to the Applied team, then the short loop up to an offer.
    const reroute = region('Reroute to another team');
    await reroute.getByLabel('Team', { exact: true }).selectOption({ label: 'Applied' });
    await reroute.getByRole('button', { name: 'Reroute' }).click();
    await page.waitForURL((url) => url.pathname !== `/app/applications/${application.id}`);
    const reroutedId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('Applied ·').first().waitFor();
    await region('History').getByText('Senior lead wanted more research depth').waitFor();
    await moves.getByRole('button', { name: 'Advance to the next stage' }).click();
    await waitFor(async () => ((await region('Stages').locator('[aria-current="step"]').textContent())?.includes('People & culture') ? true : undefined));
    await moves.getByRole('button', { name: 'Got an offer' }).click();
    await moves.getByText('Recorded: got an offer.').waitFor();
    expect(await read(`/applications/${reroutedId}`)).toMatchObject({ status: 'offer', reroutedFromId: application.id, team: expect.objectContaining({ name: 'Applied' }) });
    expect((await read(`/applications/${application.id}`)).status).toBe('rejected');
    await dashboard.checkAccessibility('story-offer');
    await dashboard.shoot('story-offer');

    // The board holds it in its offer column.
    await nav('Pipeline');
    await column('Offer').getByRole('article', { name: /Research Engineer/ }).waitFor();
    expect(dashboard.problems).toEqual([]);
  }, 150_000);
});
