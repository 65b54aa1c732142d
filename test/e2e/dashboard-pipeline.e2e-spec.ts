import { Locator, Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { registerUser, TestApp } from '../support/test-app';

/**
 * The Pipeline in Debian's Chromium (CHROMIUM_PATH), served by the real API from `npm run build`'s
 * dist/web: an application created on the research-lab loop (after the API's field problems show
 * under the form's fields), moved stage by stage on the board, a stale move and a refused one after
 * the application was moved behind the page's back (the reason and the moves allowed now shown, the
 * board reloaded), a late stage failed on the application's page, the reroute to another team and
 * the shorter loop up to an offer; axe-core and screenshots at desktop and phone widths.
 */
const PASSWORD = 'a long enough password';
const QUIZ = 'Quiz: maths, statistics, CS and ML';

describe('the Pipeline screens in a browser', () => {
  let t: TestApp;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let problems: string[];

  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'pipeline' });
    ({ t, page, baseUrl, problems } = dashboard);
  }, 300_000);
  afterAll(() => dashboard?.close());

  const region = (name: string) => page.getByRole('region', { name, exact: true });
  const board = () => page.locator('[data-board-ready]');
  const column = (name: string) => board().getByRole('region', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`) });
  /** The card of the one application on the board, wherever it is. */
  const card = () => board().getByRole('article', { name: /Research Engineer/ });
  const moveOnBoard = async (label: string, confirm?: string) => {
    await card().getByRole('button', { name: /^Move/ }).click();
    await card().getByRole('button', { name: label }).click();
    if (confirm) await card().getByRole('button', { name: confirm }).click();
  };
  const expectIn = async (target: Locator) => target.getByRole('article', { name: /Research Engineer/ }).waitFor();

  it('creates an application on the research-lab loop, moves it, survives a stale and a refused move, fails a late stage, reroutes and reaches an offer', async () => {
    // Sign up in the browser; the organizations, teams and a referrer come through the API.
    const email = 'pipeline.user@example.org';
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const token = (await t.http().post('/auth/login').send({ email, password: PASSWORD }).expect(200)).body.token;
    const auth = { authorization: `Bearer ${token}` };
    const post = async (path: string, body: object, status = 201) => (await t.http().post(path).set(auth).send(body).expect(status)).body;
    const lab = await post('/organizations', { name: 'Frontier Lab' });
    const core = await post(`/organizations/${lab.id}/teams`, { name: 'Core' });
    const applied = await post(`/organizations/${lab.id}/teams`, { name: 'Applied' });
    await post('/organizations', { name: 'Quiet Lab' });
    await post('/people', { fullName: 'Ada Referrer' });

    // The empty board, reached from the nav, with the link to the funnel.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline' }).click();
    await page.getByRole('heading', { name: 'Pipeline', level: 1 }).waitFor();
    await board().getByText('No application yet').waitFor();
    expect(await page.getByRole('link', { name: 'See the funnel' }).getAttribute('href')).toBe('/app/pipeline/funnel');

    // The form sent empty: the API's field problems under their fields.
    await page.getByRole('button', { name: 'Create an application' }).click();
    const form = page.getByRole('form', { name: 'New application' });
    await form.getByRole('button', { name: 'Create the application' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await form.getByLabel('Organization').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Role').getAttribute('aria-invalid')).toBe('true');
    await dashboard.checkAccessibility('the create form with errors');
    await dashboard.shoot('pipeline-create-errors');

    // Created on the research-lab loop, with its referral.
    await form.getByLabel('Organization').selectOption({ label: 'Frontier Lab' });
    await form.getByLabel('Team').selectOption({ label: 'Core' });
    await form.getByLabel('Role').fill('Research Engineer');
    await form.getByLabel('Loop').selectOption('built-in:research-engineer');
    await form.getByLabel('Find the referrer').fill('Ada');
    await form.getByLabel('Referred by').locator('option', { hasText: 'Ada Referrer' }).waitFor({ state: 'attached' });
    await form.getByLabel('Referred by').selectOption({ label: 'Ada Referrer' });
    await form.getByRole('button', { name: 'Create the application' }).click();
    await form.getByRole('status').getByText('now at “Recruiter chat”').waitFor();
    await expectIn(column('Recruiter chat'));
    const [created] = (await t.http().get('/applications').set(auth).expect(200)).body.items;
    expect(created).toMatchObject({ role: 'Research Engineer', team: { id: core.id }, templateName: 'Research lab loop: Research Engineer', source: 'referral' });
    expect((await t.http().get(`/applications/${created.id}`).set(auth).expect(200)).body.referrals).toEqual([expect.objectContaining({ referrer: expect.objectContaining({ fullName: 'Ada Referrer' }) })]);
    expect(await card().getByRole('link').first().getAttribute('href')).toBe(`/app/applications/${created.id}`);

    // Stage by stage on the board, with the moves the server allows (keyboard: the menu is buttons).
    await moveOnBoard('Passed this stage');
    await page.getByRole('status').getByText('Passed this stage').waitFor();
    await card().getByText('(passed)').waitFor();
    await moveOnBoard('Advance to the next stage');
    await expectIn(column(QUIZ));
    await dashboard.checkAccessibility('the board');
    await dashboard.shoot('pipeline');

    // Stale: advanced through the API behind the page's back; the old "advance" is refused, the board reloads.
    await post(`/applications/${created.id}/moves`, { move: 'advance' }, 200);
    await moveOnBoard('Advance to the next stage');
    const alert = page.getByRole('alert');
    await alert.getByText('This application had moved meanwhile').waitFor();
    await alert.getByText(/it is at "Second quiz" now/).waitFor();
    await alert.getByText('The board was reloaded.').waitFor();
    await alert.getByText('Allowed now: Passed this stage, Failed this stage, Advance to the next stage, Withdraw.').waitFor();
    await expectIn(column('Second quiz'));
    expect(await column(QUIZ).count()).toBe(0);

    // Refused: the stage passed through the API meanwhile; failing it is no longer allowed, and the server says what is.
    await post(`/applications/${created.id}/moves`, { move: 'pass' }, 200);
    await moveOnBoard('Failed this stage', 'Yes: failed this stage');
    await alert.getByText('The server refused this move').waitFor();
    await alert.getByText(/Cannot fail an application that is active, at "Second quiz"/).waitFor();
    await alert.getByText('Allowed now: Advance to the next stage, Got an offer, Withdraw.').waitFor();
    await card().getByText('(passed)').waitFor();
    await dashboard.checkAccessibility('the refused move');
    await dashboard.shoot('pipeline-refused-move');
    await alert.getByRole('button', { name: 'Dismiss' }).click();

    // By keyboard alone: the menu opens with Enter, Escape closes it back onto its button, a move is a button.
    await card().getByRole('button', { name: /^Move/ }).focus();
    await page.keyboard.press('Enter');
    await card().getByRole('button', { name: 'Withdraw' }).focus();
    await page.keyboard.press('Escape');
    expect(await card().getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toMatch(/^Move/);
    await page.keyboard.press('Enter');
    await card().getByRole('button', { name: 'Advance to the next stage' }).focus();
    await page.keyboard.press('Enter');
    await expectIn(column('Coding interview'));

    // On to the senior team lead interview.
    for (const next of ['Team lead interview', 'Senior team lead interview']) {
      await moveOnBoard('Advance to the next stage');
      await expectIn(column(next));
    }

    // The application's page: its stages (the current one marked), history, referral, interviews, prep tasks.
    await card().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Research Engineer', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/applications/${created.id}`);
    const current = region('Stages').locator('[aria-current="step"]');
    expect(await current.textContent()).toContain('Senior team lead interview');
    await region('History').getByText('Recruiter chat → Quiz: maths, statistics, CS and ML').waitFor();
    await region('Referral').getByRole('link', { name: 'Ada Referrer' }).waitFor();
    await region('Interviews').getByText('No interview yet.').waitFor();
    expect(await region('Interviews').getByRole('link', { name: 'Schedule an interview' }).getAttribute('href')).toBe(`/app/interviews/new?application=${created.id}`);
    const tasks = region('Prep tasks');
    const firstTask = tasks.getByRole('checkbox').first();
    await firstTask.check();
    await tasks.getByText(/done \d/).first().waitFor();
    const doneTasks = (await t.http().get(`/tasks?applicationId=${created.id}&status=done`).set(auth).expect(200)).body;
    expect(doneTasks.total).toBe(1);
    await dashboard.checkAccessibility('the application');
    await dashboard.shoot('application', { readme: 'application' });

    // The late stage failed from the page, with a note.
    const moves = region('Where it stands');
    await moves.getByLabel('Note on the move (optional)').fill('Senior lead: not a fit for Core');
    await moves.getByRole('button', { name: 'Failed this stage' }).click();
    await moves.getByRole('button', { name: 'Yes: failed this stage' }).click();
    await moves.getByRole('status').getByText('Recorded: failed this stage.').waitFor();
    await page.getByText('No move is possible: this loop has ended.').waitFor();
    await region('History').getByText('Senior lead: not a fit for Core').waitFor();

    // A retrospective of the failed stage; its prep, settled with the loop, opened again to keep studying.
    await region('Stages').getByRole('button', { name: 'Retrospective of Senior team lead interview' }).click();
    const retro = page.getByRole('form', { name: 'Retrospective of Senior team lead interview' });
    await retro.getByLabel('What did not').fill('Research vision answers were vague');
    await retro.getByRole('button', { name: 'Save the retrospective' }).click();
    await retro.getByText('Retrospective saved.').waitFor();
    const stages = (await t.http().get(`/applications/${created.id}`).set(auth).expect(200)).body.stages;
    const failedStage = stages.find((s: { name: string }) => s.name === 'Senior team lead interview');
    expect((await t.http().get(`/applications/${created.id}/stages/${failedStage.id}/retrospective`).set(auth).expect(200)).body.wentBadly).toBe('Research vision answers were vague');
    await tasks.getByText(/settled \(rejected\)/).first().waitFor();
    await tasks.getByRole('button', { name: /^Reopen the \d+ settled tasks$/ }).click();
    await tasks.getByRole('status').getByText(/^\d+ tasks opened again\.$/).waitFor();
    expect(await tasks.getByText(/settled \(rejected\)/).count()).toBe(0);

    // Rerouted to Applied: the new application's page, linked to the failed one, its history kept.
    const reroute = region('Reroute to another team');
    await reroute.getByLabel('Team', { exact: true }).selectOption({ label: 'Applied' });
    await reroute.getByLabel('Note (optional)').fill('Recruiter suggested Applied');
    await reroute.getByRole('button', { name: 'Reroute' }).click();
    await page.waitForURL((url) => url.pathname !== `/app/applications/${created.id}`);
    const newId = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('heading', { name: 'Research Engineer', level: 1 }).waitFor();
    await page.getByText('Applied ·').first().waitFor();
    await page.getByRole('link', { name: 'Research Engineer, Core' }).waitFor();
    await region('History').getByText('Senior lead: not a fit for Core').waitFor();
    await region('History').getByText('Recruiter suggested Applied').first().waitFor();
    expect(await region('Stages').locator('[aria-current="step"]').textContent()).toContain('Team lead interview');
    expect((await t.http().get(`/applications/${newId}`).set(auth).expect(200)).body).toMatchObject({ reroutedFromId: created.id, team: { id: applied.id }, status: 'active' });

    // The short loop, from the page, up to the offer; a move made elsewhere meanwhile is not applied twice.
    await post(`/applications/${newId}/moves`, { move: 'advance', note: 'Moved from another tab' }, 200);
    await moves.getByRole('button', { name: 'Advance to the next stage' }).click();
    await moves.getByRole('alert').getByText('This application had moved meanwhile').waitFor();
    await moves.getByRole('alert').getByText(/it is at "People & culture" now/).waitFor();
    await moves.getByRole('alert').getByText(/The page was reloaded; allowed now: Passed this stage, Failed this stage, Got an offer, Withdraw\./).waitFor();
    await region('History').getByText('Moved from another tab').waitFor();
    expect(await region('Stages').locator('[aria-current="step"]').textContent()).toContain('People & culture');
    await moves.getByRole('button', { name: 'Got an offer' }).click();
    await moves.getByText('Recorded: got an offer.').waitFor();
    await moves.getByRole('button', { name: 'Accept the offer' }).waitFor();
    expect((await t.http().get(`/applications/${newId}`).set(auth).expect(200)).body.status).toBe('offer');

    // Back on the board: the offer column holds it; the failed one shows among the ended loops.
    await page.getByRole('link', { name: 'Pipeline', exact: true }).first().click();
    await expectIn(column('Offer'));
    await page.getByLabel('Show ended loops').check();
    await expectIn(column('Rejected'));

    expect(problems).toEqual([]);
  }, 120_000);

  it('draws a crowded column a page of cards at a time, with its count; a server error and a missing application are said so', async () => {
    const token = (await t.http().post('/auth/login').send({ email: 'pipeline.user@example.org', password: PASSWORD }).expect(200)).body.token;
    const auth = { authorization: `Bearer ${token}` };
    const lab = (await t.http().post('/organizations').set(auth).send({ name: 'Busy Lab' }).expect(201)).body;
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => t.http().post('/applications').set(auth).send({ organizationId: lab.id, role: `Research Engineer ${batch * 10 + i}`, builtInTemplate: 'default' }).expect(201)));
    }
    await page.goto(`${baseUrl}/app/pipeline?organization=${lab.id}`);
    const screen = column('Recruiter screen');
    await screen.getByRole('heading', { name: 'Recruiter screen (60)' }).waitFor();
    // The top of the column first, the rest of the first 25 right after (in a transition).
    // Each page of cards renders in a transition after the click: wait for its last card, then count.
    await screen.getByRole('button', { name: 'Show 25 more in Recruiter screen (35 left)' }).waitFor();
    await screen.getByRole('article').nth(24).waitFor();
    expect(await screen.getByRole('article').count()).toBe(25);
    await screen.getByRole('button', { name: 'Show 25 more in Recruiter screen (35 left)' }).click();
    await screen.getByRole('article').nth(49).waitFor();
    expect(await screen.getByRole('article').count()).toBe(50);
    await screen.getByRole('button', { name: 'Show 10 more in Recruiter screen (10 left)' }).click();
    await screen.getByRole('article').nth(59).waitFor();
    expect(await screen.getByRole('article').count()).toBe(60);
    expect(await screen.getByRole('button', { name: /^Show/ }).count()).toBe(0);

    // A server error: the API's message and a retry, then the board once the server is back.
    await page.route('**/applications/board**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', code: 'internal', message: 'Something broke on the server', requestId: 'req-1' }) }),
    );
    await page.reload();
    await page.getByRole('alert').getByText('Something broke on the server').waitFor();
    expect(await board().count()).toBe(0);
    await page.unroute('**/applications/board**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await column('Recruiter screen').waitFor();

    // An application that is not there (or not yours): said so, with the way back.
    await page.goto(`${baseUrl}/app/applications/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').waitFor();
    await page.getByRole('link', { name: 'Back to the pipeline' }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
  it('shows a board with several loops under way, as the research-lab example and two more applications leave it', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const post = async (path: string, body: object) => (await t.http().post(path).set(user.auth).send(body).expect(201)).body;
    await post('/examples/research-lab', {});
    const quiet = await post('/organizations', { name: 'Quiet Lab' });
    await post('/applications', { organizationId: quiet.id, role: 'Member of Technical Staff', builtInTemplate: 'default' });
    const vision = await post('/organizations', { name: 'Vision Works' });
    await post('/applications', { organizationId: vision.id, role: 'Research Scientist', builtInTemplate: 'research-engineer' });

    const tab = await dashboard.newPage();
    await tab.goto(`${baseUrl}/app/sign-in?next=${encodeURIComponent('/pipeline')}`);
    await tab.getByLabel('Email').fill(user.email);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    const ready = tab.locator('[data-board-ready]');
    const columnOf = (name: string) => ready.getByRole('region', { name, exact: true });
    await columnOf('Quiz: maths, statistics, CS and ML (1)').getByRole('article', { name: /Research Engineer/ }).getByText('Example Frontier Lab · Core', { exact: true }).waitFor();
    await columnOf('Recruiter chat (1)').getByRole('article', { name: /Research Scientist/ }).getByText('Vision Works', { exact: true }).waitFor();
    await columnOf('Recruiter screen (1)').getByRole('article', { name: /Member of Technical Staff/ }).getByText('Quiet Lab', { exact: true }).waitFor();
    await columnOf('Offer (1)').getByRole('article', { name: /Research Engineer/ }).getByText('Example Frontier Lab · Applied', { exact: true }).waitFor();
    await dashboard.screen('pipeline-example', { page: tab, readme: 'pipeline' });
    await tab.context().close();
    expect(problems).toEqual([]);
  }, 60_000);
});
