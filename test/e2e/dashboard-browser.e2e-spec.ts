import { BrowserContext, Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { TestApp, TestUser } from '../support/test-app';
import { seedInterviewScene } from '../support/briefing-scene';
import { waitFor } from '../support/wait-for';

/**
 * The dashboard in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium; never a downloaded
 * browser), served by the real API from `npm run build`'s dist/web: a person's first day from a blank
 * server, an expired session, a server error, axe-core on every screen, and screenshots at desktop
 * and phone widths in test/output/screenshots/browser/ (UPDATE_SCREENSHOTS=1 also copies the person
 * with a history to docs/screenshots/ for the README; the other screens' come from their own specs).
 */
const PASSWORD = 'a long enough password';

describe('the dashboard in a browser', () => {
  let dashboard: Dashboard;
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let problems: string[];

  beforeAll(async () => {
    // The API serves what `npm run build` wrote into dist/web (CI builds before it tests).
    dashboard = await startDashboard({ spec: 'browser', app: { worker: true } });
    ({ t, context, page, baseUrl, problems } = dashboard);
  }, 300_000);
  afterAll(() => dashboard?.close());

  const screen = (name: string) => dashboard.screen(name, { page });

  it('takes a new user from sign-up to Today, a new person, their page, an interaction, and sign-out', async () => {
    // A blank server: / leads to the app, the app to sign-in, which offers the first account.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    await screen('sign-in');
    await page.getByRole('link', { name: 'Create one' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByText('This is the first account on this server').waitFor();
    await screen('sign-up');

    // The API's own field errors, under the field: a password too short.
    const email = 'ada.researcher@example.org';
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('.field-error').filter({ hasText: /10 characters/ }).waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBeNull();

    // Keyboard only from here: fields in order, Enter submits.
    await page.getByLabel('Name').focus();
    await page.keyboard.type('Ada Researcher');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/app\/?$/);
    // The session is a cookie no script can read; nothing is kept in storage.
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'dossier_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).toBe('{}{}');
    await page.getByText('No follow-up is due').waitFor();
    await screen('today-empty');

    // The same account's API client (a bearer token) brings in a network and an interview loop,
    // as an import and a few API calls would; an interview in three days gets its briefing.
    const login = await t.http().post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    const user: TestUser = { id: login.body.user.id, email, token: login.body.token, auth: { Authorization: `Bearer ${login.body.token}` } };
    expect(login.body.user.role).toBe('admin');
    const scene = await seedInterviewScene(t, user);
    const soon = new Date(Date.now() + 3 * 86_400_000);
    soon.setUTCHours(14, 0, 0, 0);
    const interviewId = await scene.scheduleInterview(soon.toISOString());
    const briefing = (await t.http().post(`/interviews/${interviewId}/briefings`).set(user.auth).expect(202)).body;
    await waitFor(async () => ((await t.http().get(`/briefings/${briefing.id}`).set(user.auth)).body.status === 'ready' ? true : undefined));
    await t.http().put(`/people/${scene.people.grace}/follow-up`).set(user.auth).send({ nextFollowUpAt: new Date().toISOString().slice(0, 10) }).expect(200);

    await page.reload();
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    const briefingLink = page.getByRole('link', { name: /Briefing \(v1\)/ });
    await briefingLink.waitFor();
    // Times in the user's zone (Europe/Paris, set by the scene), with the interview's own (London) beside.
    await page.getByText(/Europe\/London/).first().waitFor();
    await screen('today');
    // The briefing opens from its link with the browser's session alone.
    const opened = await page.request.get(`${baseUrl}${await briefingLink.getAttribute('href')}`);
    expect(opened.status()).toBe(200);
    expect(await opened.text()).toContain('Briefing');
    // Mark the follow-up done: it leaves the list.
    const done = page.getByRole('button', { name: 'Mark the follow-up with Grace Hopper done' });
    await done.click();
    await done.waitFor({ state: 'detached' });
    // And a prep task of the loop: done, it leaves the due list.
    const taskButtons = page.getByRole('button', { name: /^Mark “.+” done$/ });
    const tasksBefore = await taskButtons.count();
    expect(tasksBefore).toBeGreaterThan(0);
    const firstTask = page.getByRole('button', { name: (await taskButtons.first().getAttribute('aria-label'))!, exact: true });
    await firstTask.click();
    await firstTask.waitFor({ state: 'detached' });
    expect(await taskButtons.count()).toBe(tasksBefore - 1);

    // People: add one, then find them among the others by search, server-side.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await page.getByLabel('Full name').fill('Katherine Johnson');
    await page.getByLabel('Email', { exact: true }).fill('katherine@example.org');
    await page.getByLabel('Tags').fill('nasa, orbits');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Added Katherine Johnson' }).waitFor();
    await screen('people');
    await page.getByLabel('Search').fill('katherine');
    await waitFor(async () => (new URL(page.url()).searchParams.get('q') === 'katherine' ? true : undefined));
    await page.getByText('1 person').waitFor();
    expect(await page.locator('.list > li').count()).toBe(1);
    // The filter is in the URL: a reload shows the same list.
    await page.reload();
    await page.getByText('1 person').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Katherine Johnson' }).click();

    // Their page, and an interaction added in a line.
    await page.getByRole('heading', { name: 'Katherine Johnson', level: 1 }).waitFor();
    await page.getByText('No interaction yet').waitFor();
    await page.getByLabel('Type').selectOption('call');
    await page.getByLabel('What happened').fill('Called about trajectory work at the lab');
    await page.getByLabel('What happened').press('Enter');
    await page.locator('.timeline').getByText('Called about trajectory work at the lab').waitFor();
    await screen('person');
    const personUrl = page.url();
    await page.reload();
    await page.locator('.timeline').getByText('Called about trajectory work at the lab').waitFor();

    // A person with a history: links, tags, notes and the timeline.
    await page.goto(`${baseUrl}/app/people/${scene.people.ada}`);
    await page.getByText('Talked about planning at ICML').waitFor();
    await dashboard.screen('person-ada', { page, readme: 'person' });

    // Sign out: the server ends the session; the old cookie no longer opens anything.
    const session = (await context.cookies()).find((c) => c.name === 'dossier_session')!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await t.http().get('/me').set('cookie', `dossier_session=${encodeURIComponent(session.value)}`).expect(401);
    await page.goto(personUrl);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    expect(problems).toEqual([]);
  }, 180_000);

  it('shows sign-in again, not a blank page, when the session is revoked on the server', async () => {
    const email = 'second@example.org';
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    // Revoked from another device: every sign-in session but the one doing it.
    const other = await t.http().post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    const sessions = (await t.http().get('/me/sessions').set('authorization', `Bearer ${other.body.token}`).expect(200)).body.items as { id: string; current: boolean }[];
    for (const s of sessions.filter((s) => !s.current)) await t.http().delete(`/me/sessions/${s.id}`).set('authorization', `Bearer ${other.body.token}`).expect(204);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByText('Your session ended. Sign in again to continue.').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the user was going.
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/people');
  }, 60_000);

  it("shows a server error as the API's message with its request id, and recovers on retry", async () => {
    await page.getByLabel('Full name').fill('Mary Jackson');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Added Mary Jackson' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Mary Jackson' }).first().click();
    await page.getByRole('heading', { name: 'Mary Jackson', level: 1 }).waitFor();
    await page.getByText('No interaction yet').waitFor();

    // A real failure on the server: the table behind the timeline goes away for a moment.
    await t.db.query('ALTER TABLE interactions RENAME TO interactions_away');
    try {
      await page.reload();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/Request [0-9a-f-]{36}/);
      expect(await alert.textContent()).not.toMatch(/relation|SQL|interactions_away/i);
      await screen('server-error');
    } finally {
      await t.db.query('ALTER TABLE interactions_away RENAME TO interactions');
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('No interaction yet').waitFor();

    // A person that does not exist: the API's 404 message, and a way back.
    await page.goto(`${baseUrl}/app/people/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').waitFor();
    await page.getByRole('link', { name: 'Back to people' }).waitFor();
  }, 60_000);

  it('accepts an invitation at the link the server hands out', async () => {
    const admin = await t.http().post('/auth/login').send({ email: 'ada.researcher@example.org', password: PASSWORD }).expect(200);
    const invitation = (await t.http().post('/admin/invitations').set('authorization', `Bearer ${admin.body.token}`).send({ email: 'invited@example.org' }).expect(201)).body;
    const url = new URL(invitation.url);
    expect(url.pathname).toMatch(/^\/app\/invitations\//);
    page = await dashboard.newPage();
    const fresh = page.context();
    await page.goto(`${baseUrl}${url.pathname}`);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await screen('invitation');
    await page.getByLabel('Email').fill('invited@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const used = await t.http().post('/auth/session/registration').send({ email: 'invited@example.org', password: PASSWORD, invitation: decodeURIComponent(url.pathname.split('/').pop()!) });
    expect(used.status).toBeGreaterThanOrEqual(400);
    await fresh.close();
  }, 60_000);
});
