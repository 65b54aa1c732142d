import { Page } from 'playwright-core';
import { seedInterviewScene, Scene } from '../support/briefing-scene';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * The Interviews screens in Debian's Chromium, served by the real API (and its worker, which writes
 * briefings) from `npm run build`'s dist/web. The account is seeded through the API (the briefing
 * scene: a user living in Paris, an application at the team lead stage, interviewers with works, an
 * interview set in London and a past one); then, in the UI: the lists with both zones, scheduling an
 * interview (an API field error under its field, interviewers found as one types), its page,
 * briefings generated, read in the app, compared, opened as HTML and PDF, notes on an interviewer,
 * and a cancellation. axe-core and screenshots at desktop and phone widths.
 */
const PASSWORD = 'a long enough password';

describe('the Interviews screens in a browser', () => {
  let t: TestApp;
  let user: TestUser;
  let scene: Scene;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let problems: string[];

  beforeAll(async () => {
    // The browser is in New York: every time must follow the profile's zone (Paris), not the machine's.
    dashboard = await startDashboard({ spec: 'interviews', app: { worker: true }, timezoneId: 'America/New_York' });
    ({ t, page, baseUrl, problems } = dashboard);
    user = await registerUser(t, { password: PASSWORD });
    scene = await seedInterviewScene(t, user);
  }, 300_000);
  afterAll(() => dashboard?.close());

  const region = (name: string | RegExp) => page.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });

  it('lists, schedules, briefs twice with what changed, opens HTML and PDF, notes and cancels', async () => {
    await page.goto(`${baseUrl}/app/sign-in?next=${encodeURIComponent('/interviews')}`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();

    // Upcoming: the London interview at 13:00 there is 14:00 for the user in Paris; both are shown.
    const upcoming = region('Upcoming');
    const seeded = upcoming.getByRole('listitem').filter({ hasText: 'Team lead interview · Example Frontier Lab' });
    await seeded.waitFor();
    const seededText = await seeded.textContent();
    expect(seededText).toContain('2 Mar 2027, 14:00');
    expect(seededText).toContain('Europe/Paris');
    expect(seededText).toContain('2 Mar 2027, 13:00 Europe/London');
    expect(seededText).toContain('Research Engineer · Example Frontier Lab · Core');
    expect(seededText).toContain('With Ada Lovelace, Edsger Dijkstra');
    // Past: the coding interview of October, passed; it is not among the upcoming ones.
    const past = region('Past').getByRole('listitem').filter({ hasText: 'Coding interview · Example Frontier Lab' });
    await past.waitFor();
    expect(await past.textContent()).toContain('Passed');
    expect(await past.textContent()).toContain('5 Oct 2026, 11:00');
    expect(await upcoming.getByText('Coding interview').count()).toBe(0);
    await dashboard.checkAccessibility('interviews');
    await dashboard.shoot('interviews', { readme: 'interviews' });

    // Scheduling is reachable from the list; from an application it arrives with it preselected.
    await page.getByRole('link', { name: 'Schedule an interview' }).click();
    await page.getByRole('heading', { name: 'Schedule an interview', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/app/interviews/new?application=${scene.applicationId}`);
    await page.getByRole('heading', { name: 'Schedule an interview', level: 1 }).waitFor();
    // The stage defaults to the one the application is at.
    await page.getByRole('option', { name: '5. Team lead interview (current)' }).waitFor({ state: 'attached' });
    await page.getByRole('option', { name: 'Research Engineer · Example Frontier Lab · Core' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Application').inputValue()).toBe(scene.applicationId);
    expect(await page.getByLabel('Stage').inputValue()).toBe(scene.teamLeadStageId);
    await page.getByLabel('Stage').selectOption({ label: '6. Senior team lead interview (upcoming)' });
    // Arranged for 10:00 in New York; the time zone list starts on the user's own (Paris).
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    await page.getByLabel('Starts at').fill('2027-01-20T10:00');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByLabel('Duration (minutes)').fill('60');
    await page.getByLabel('Meeting link').fill('https://meet.example.com/senior-lead');
    // Interviewers found as one types, among the user's people.
    // By keyboard: Tab from the search reaches the match's Add; after it, the focus is back in the search.
    await page.getByLabel('Find a person').fill('edsg');
    await page.getByRole('button', { name: 'Add Edsger Dijkstra' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove Edsger Dijkstra' }).waitFor();
    expect(await page.evaluate<string>('document.activeElement?.labels?.[0]?.textContent ?? ""')).toBe('Find a person');
    await page.getByLabel('Find a person').fill('lovel');
    await page.getByRole('button', { name: 'Add Ada Lovelace' }).click();
    await page.getByRole('button', { name: 'Remove Ada Lovelace' }).waitFor();
    const chosen = page.getByRole('list', { name: 'Chosen interviewers' });
    expect(await chosen.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Edsger Dijkstra'), expect.stringContaining('Ada Lovelace')]);
    await page.getByRole('button', { name: 'Remove Edsger Dijkstra' }).click();
    await page.getByLabel('Find a person').fill('edsger');
    await page.getByRole('button', { name: 'Add Edsger Dijkstra' }).click();
    // A location the API refuses (longer than 1000 characters): its problem under the field, nothing saved.
    await page.getByLabel('Location').fill('x'.repeat(1001));
    await page.getByRole('button', { name: 'Schedule the interview' }).click();
    const locationError = page.locator('.field-error').filter({ hasText: /1000 characters/ });
    await locationError.waitFor();
    expect(await page.getByLabel('Location').getAttribute('aria-invalid')).toBe('true');
    expect((await t.http().get('/interviews').set(user.auth).expect(200)).body.total).toBe(2);
    await dashboard.checkAccessibility('schedule-interview');
    await dashboard.shoot('schedule-interview');
    await page.getByLabel('Location').fill('');
    await page.getByRole('button', { name: 'Schedule the interview' }).click();

    // It lands on the interview's page: 10:00 in New York is 16:00 in Paris.
    await page.getByRole('heading', { name: 'Senior team lead interview at Example Frontier Lab', level: 1 }).waitFor();
    const interviewId = new URL(page.url()).pathname.split('/').pop()!;
    const when = await page.locator('.facts dd').first().textContent();
    expect(when).toContain('20 Jan 2027, 16:00');
    expect(when).toContain('20 Jan 2027, 10:00 America/New_York');
    const saved = (await t.http().get(`/interviews/${interviewId}`).set(user.auth).expect(200)).body;
    expect(saved).toMatchObject({ startsAt: '2027-01-20T15:00:00.000Z', timeZone: 'America/New_York', durationMinutes: 60, meetingUrl: 'https://meet.example.com/senior-lead', location: null, stage: { name: 'Senior team lead interview' } });
    expect(saved.interviewers.map((p: { fullName: string }) => p.fullName).sort()).toEqual(['Ada Lovelace', 'Edsger Dijkstra']);
    expect(await page.getByRole('link', { name: 'Research Engineer · Example Frontier Lab · Core' }).getAttribute('href')).toBe(`/app/applications/${scene.applicationId}`);
    expect(await region('Interviewers').getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe(`/app/people/${scene.people.ada}`);

    // In Upcoming, soonest first: the new one before March's; opened from there.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interviews' }).click();
    const first = upcoming.getByRole('listitem').first();
    await first.filter({ hasText: 'Senior team lead interview' }).waitFor();
    await first.getByRole('link', { name: 'Senior team lead interview · Example Frontier Lab' }).click();
    await page.getByRole('heading', { name: 'Senior team lead interview at Example Frontier Lab', level: 1 }).waitFor();

    // Notes on one interviewer, kept by the server.
    await page.getByRole('button', { name: 'Add notes on Ada Lovelace' }).click();
    await page.getByRole('form', { name: 'Notes on Ada Lovelace' }).getByLabel('What they asked').fill('How to evaluate a world model');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await page.getByRole('form', { name: 'Notes on Ada Lovelace' }).waitFor({ state: 'detached' });
    await region('Interviewers').locator('dd', { hasText: 'How to evaluate a world model' }).waitFor();
    expect((await t.http().get(`/interviews/${interviewId}`).set(user.auth).expect(200)).body.interviewers.find((p: { id: string }) => p.id === scene.people.ada).notes.asked).toBe('How to evaluate a world model');

    // Edited: removing Ada would lose the notes, which the API refuses and the page says; a longer slot is saved.
    await page.getByRole('button', { name: 'Edit the interview' }).click();
    const editor = region('Edit the interview');
    await editor.getByRole('button', { name: 'Remove Ada Lovelace' }).click();
    await editor.getByLabel('Duration (minutes)').fill('90');
    await editor.getByRole('button', { name: 'Save the interview' }).click();
    await editor.getByRole('alert').getByText(/Your notes on Ada Lovelace .* would be lost/).waitFor();
    await editor.getByLabel('Find a person').fill('ada');
    await editor.getByRole('button', { name: 'Add Ada Lovelace' }).click();
    await editor.getByRole('button', { name: 'Save the interview' }).click();
    await editor.waitFor({ state: 'detached' });
    await page.locator('.facts').getByText('90 minutes').waitFor();
    expect((await t.http().get(`/interviews/${interviewId}`).set(user.auth).expect(200)).body.durationMinutes).toBe(90);

    // The first briefing: written in the background, then read here as the page's own content.
    const briefings = region('Briefings');
    await briefings.getByText('No briefing yet').waitFor();
    await briefings.getByRole('button', { name: 'Generate a new version' }).click();
    const v1 = briefings.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Version 1' }) });
    await v1.getByText('Ready').waitFor({ timeout: 30_000 });
    await v1.getByText('The first version.').waitFor();
    await v1.getByRole('button', { name: 'Read version 1 here' }).click();
    const doc = region('Briefing, version 1');
    await doc.getByRole('heading', { name: 'Ada Lovelace', level: 4 }).waitFor();
    await doc.getByRole('region', { name: 'Reading checklist' }).getByText('Notes on Planning with Learned Models').waitFor();
    // The user's text is text: the application note with markup is shown as written.
    await doc.getByText('Bring <script>-free questions about evaluation.').waitFor();
    expect(new URL(page.url()).searchParams.get('briefing')).toBeTruthy();
    await dashboard.checkAccessibility('interview');
    await dashboard.shoot('interview', { readme: 'interview' });

    // Something changed (a new paper synced for Ada): the second version says what.
    await scene.addWork('Learning to Plan from Pixels', 2026);
    await briefings.getByRole('button', { name: 'Generate a new version' }).click();
    const v2 = briefings.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Version 2' }) });
    await v2.getByText('Ready').waitFor({ timeout: 30_000 });
    const changes = briefings.getByRole('list', { name: 'What changed in version 2' });
    await changes.getByText(/Ada Lovelace: 1 new work synced, among them .*Learning to Plan from Pixels/).waitFor();
    expect((await briefings.getByRole('heading', { level: 3 }).allTextContents()).slice(0, 2)).toEqual(['Version 2', 'Version 1']);
    await v2.getByRole('button', { name: 'Read version 2 here' }).click();
    await region('Briefing, version 2').getByText('Learning to Plan from Pixels').first().waitFor();
    await region('Briefing, version 2').getByText('Changed since the version before:').waitFor();

    // HTML opens in a new tab with the browser's session; the PDF link answers a PDF to the same session.
    const [html] = await Promise.all([page.waitForEvent('popup'), v2.getByRole('link', { name: 'HTML of version 2' }).click()]);
    await html.waitForLoadState();
    expect(await html.title()).toBe('Briefing: Senior team lead interview at Example Frontier Lab (v2)');
    expect(await html.locator('h3', { hasText: 'Ada Lovelace' }).count()).toBeGreaterThan(0);
    await html.close();
    const pdfHref = (await v2.getByRole('link', { name: 'PDF of version 2' }).getAttribute('href'))!;
    const pdf = await page.request.get(`${baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // An interview that is not there (or not the user's): the API's message and a way back.
    await page.goto(`${baseUrl}/app/interviews/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not found|no such/i);
    await page.getByRole('link', { name: 'Back to interviews' }).waitFor();
    await page.goto(`${baseUrl}/app/interviews/${interviewId}`);

    // Cancelled: kept (shown as such), gone from Upcoming unless cancelled ones are asked for.
    await page.getByRole('button', { name: 'Cancel the interview' }).click();
    await page.getByRole('group', { name: 'Confirm the cancellation' }).getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByRole('main').locator('.tag', { hasText: 'Cancelled' }).waitFor();
    expect((await t.http().get(`/interviews/${interviewId}`).set(user.auth).expect(200)).body.outcome).toBe('cancelled');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interviews' }).click();
    await upcoming.getByRole('link', { name: 'Team lead interview · Example Frontier Lab', exact: true }).waitFor();
    await upcoming.getByText('Senior team lead interview').waitFor({ state: 'detached' });
    expect(await upcoming.getByRole('listitem').count()).toBe(1);
    // (The box follows the URL, which the router updates a moment after the click.)
    await upcoming.getByLabel('Show cancelled').click();
    await upcoming.getByRole('listitem').filter({ hasText: 'Senior team lead interview' }).getByText('Cancelled').waitFor();
    expect(await upcoming.getByLabel('Show cancelled').isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('cancelled')).toBe('1');
    expect(problems).toEqual([]);
  }, 150_000);

  it('shows a new account its empty lists, says scheduling needs an application, and shows a server error with a retry', async () => {
    const other = await registerUser(t, { password: PASSWORD });
    const tab = await dashboard.newPage();
    const fresh = tab.context();
    await tab.goto(`${baseUrl}/app/sign-in?next=${encodeURIComponent('/interviews')}`);
    await tab.getByLabel('Email').fill(other.email);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.getByRole('region', { name: 'Upcoming' }).getByText('No interview ahead.').waitFor();
    await tab.getByRole('region', { name: 'Past' }).getByText('No past interview yet.').waitFor();
    // Nothing of the other account's shows.
    expect(await tab.getByText('Example Frontier Lab').count()).toBe(0);

    await tab.getByRole('link', { name: 'Schedule an interview' }).click();
    await tab.getByText('No application yet').waitFor();
    expect(await tab.getByRole('link', { name: 'Add one in the pipeline' }).getAttribute('href')).toBe('/app/pipeline');

    // The server fails (and fails the app's one automatic retry): its message and request id, and "Try again" loads the list.
    let failures = 2;
    await tab.route(/\/interviews\?.*when=past/, async (route) => {
      if (failures-- > 0) await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', code: 'internal', message: 'Something broke on the server', requestId: 'req-123' }) });
      else await route.continue();
    });
    await tab.goto(`${baseUrl}/app/interviews`);
    const past = tab.getByRole('region', { name: 'Past' });
    await past.getByRole('alert').getByText('Something broke on the server').waitFor();
    await past.getByText('Request req-123').waitFor();
    await tab.getByRole('region', { name: 'Upcoming' }).getByText('No interview ahead.').waitFor();
    await past.getByRole('button', { name: 'Try again' }).click();
    await past.getByText('No past interview yet.').waitFor();
    await fresh.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
