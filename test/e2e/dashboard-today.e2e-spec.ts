import { addDays } from '#domain/shared/dates';
import { seedInterviewScene, Scene } from '../support/briefing-scene';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Today in Debian's Chromium, on an account seeded through the API (the interview scene of the
 * briefing tests, the user in Europe/Paris): a due follow-up snoozed to next week, an overdue task
 * marked as such, an interview in three days with its reading coverage, a new work of an
 * interviewer marked seen, a broken identity and a failed sync, referrals waiting with who and since
 * when, and a section failing on its own with the API's message and a retry. axe-core and
 * screenshots (today) at desktop and phone widths.
 */
const PASSWORD = 'a long enough password';

describe('the Today screen in a browser', () => {
  let dashboard: Dashboard;
  let seeded: { user: TestUser; scene: Scene; today: string };

  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'today', timezoneId: 'Europe/Paris' });
    const { t } = dashboard;

    const user = await registerUser(t, { email: 'today.user@example.org', password: PASSWORD });
    const scene = await seedInterviewScene(t, user);
    const as = (req: ReturnType<ReturnType<TestApp['http']>['get']>) => req.set(user.auth);
    const today = (await as(t.http().get('/follow-ups/due')).expect(200)).body.today as string;
    seeded = { user, scene, today };
    // An interview with Ada (who has works, one read) in three days.
    const soon = new Date(Date.now() + 3 * 86_400_000);
    soon.setUTCHours(14, 0, 0, 0);
    await scene.scheduleInterview(soon.toISOString());
    // Alan is two days overdue for a message; an open task is three days overdue.
    await as(t.http().put(`/people/${scene.people.alan}/follow-up`)).send({ nextFollowUpAt: addDays(today, -2) }).expect(200);
    await as(t.http().post('/tasks')).send({ title: 'Send the notebook to Ada', dueOn: addDays(today, -3) }).expect(201);
    // What the user saw before today, then one work more for Ada (what a sync would bring).
    await as(t.http().post('/new-works/seen')).send({}).expect(200);
    await scene.addWork('Planning in Imagination at Scale', 2026);
    // Sync problems: Edsger's DBLP identity refused by the source; Alan's last OpenAlex sync gave up.
    await t.db.query(
      "INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by, sync_state, broken_reason) VALUES ($1, $2, 'dblp', '00/0000', 'Edsger', 'linked', 'user', 'broken', 'dblp: 404 Not Found for person 00/0000')",
      [user.id, scene.people.edsger],
    );
    const [{ id: alanIdentity }] = await t.db.query("SELECT id FROM scholarly_identities WHERE person_id = $1 AND source = 'openalex'", [scene.people.alan]);
    await t.db.query(
      "INSERT INTO sync_runs (user_id, person_id, identity_id, source, trigger, status, errors, started_at, finished_at) VALUES ($1, $2, $3, 'openalex', 'schedule', 'failed', $4, now() - interval '1 hour', now())",
      [user.id, scene.people.alan, alanIdentity, JSON.stringify(['openalex: 503 Service Unavailable (GET /authors/A200)'])],
    );
    // Referrals: Grace submitted hers (the scene, 2 Sep); Hedy offered one on 20 Nov.
    await as(t.http().post('/referrals')).send({ applicationId: scene.applicationId, referrerId: scene.people.hedy, status: 'offered', on: '2026-11-20' }).expect(201);
  }, 300_000);
  afterAll(() => dashboard?.close());

  it('shows each section, snoozes a follow-up, marks new works seen, and a failing section says why', async () => {
    const { t, page, baseUrl } = dashboard;
    const { user, scene, today } = seeded;
    const section = (name: string) => page.getByRole('region', { name, exact: true });
    // A section whose request fails shows the API's message and retries on its own.
    await page.route('**/sync-problems?*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', code: 'database.unavailable', message: 'The database is busy: try again', requestId: 'req-1' }) }),
    );
    await page.goto(`${baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await section('Sync problems').getByRole('alert').getByText('The database is busy: try again').waitFor();
    // The rest of the screen does not wait for it.
    await section('Follow-ups due').getByText('Alan Turing').waitFor();
    await page.unroute('**/sync-problems?*');
    await section('Sync problems').getByRole('button', { name: 'Try again' }).click();

    // Sync problems: the broken identity and the failed run, each with its person and the source's words.
    const sync = section('Sync problems');
    await sync.getByRole('listitem').filter({ hasText: 'Identity broken' }).filter({ hasText: 'Edsger Dijkstra' }).filter({ hasText: 'DBLP 00/0000' }).getByText(/404 Not Found/).waitFor();
    await sync.getByRole('listitem').filter({ hasText: 'Sync failed' }).filter({ hasText: 'Alan Turing' }).getByText(/503 Service Unavailable/).waitFor();

    // Tasks: the overdue one says so.
    const task = section('Tasks due').getByRole('listitem').filter({ hasText: 'Send the notebook to Ada' });
    await task.getByText('3 days overdue').waitFor();

    // The interview in three days: its interviewer and its reading coverage against the goal.
    const interview = section('Upcoming interviews').getByRole('listitem').filter({ hasText: 'Team lead interview' });
    await interview.getByText(/with Ada Lovelace/).waitFor();
    const coverage = interview.getByTestId('reading-coverage');
    await coverage.waitFor();
    const checklist = (await t.http().get(`/interviews/${(await t.http().get('/interviews?when=upcoming&days=14').set(user.auth)).body.items[0].id}/reading-checklist`).set(user.auth).expect(200)).body;
    expect(checklist.coverage.read).toBeGreaterThan(0);
    expect(await coverage.textContent()).toBe(`Reading: ${checklist.coverage.read} of ${checklist.coverage.total} read (${Math.round((checklist.coverage.read / checklist.coverage.total) * 100)}%), goal 80%`);

    // Referrals waiting: on whom, and since when.
    const referrals = section('Referrals waiting');
    await referrals.getByRole('listitem').filter({ hasText: 'Hedy Lamarr' }).getByText('waiting on Hedy Lamarr to submit it · since 20 Nov 2026').waitFor();
    await referrals.getByRole('listitem').filter({ hasText: 'Grace Hopper' }).getByText('submitted; waiting on the recruiter to reach out · since 2 Sept 2026').waitFor();
    expect(await referrals.getByRole('listitem').first().textContent()).toContain('Grace Hopper');

    // New works: only what arrived since the user last looked, by whom.
    const works = section('New works');
    const fresh = works.getByRole('listitem').filter({ hasText: 'Planning in Imagination at Scale' });
    await fresh.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    expect(await works.getByRole('listitem').count()).toBe(1);

    await dashboard.screen('today', { readme: 'today' });

    // Snooze Alan's follow-up to next week: it leaves the list and comes back then.
    const followUps = section('Follow-ups due');
    await followUps.getByRole('listitem').filter({ hasText: 'Alan Turing' }).getByText('2 days overdue').waitFor();
    await followUps.getByRole('button', { name: 'Snooze the follow-up with Alan Turing' }).click();
    const snooze = followUps.getByRole('form', { name: 'Snooze the follow-up with Alan Turing' });
    // A day that is not after today: the API's problem under the field (the browser's own check set aside).
    await snooze.getByLabel('Or until').evaluate((input: { removeAttribute(name: string): void }) => input.removeAttribute('min'));
    await snooze.getByLabel('Or until').fill(today);
    await snooze.getByRole('button', { name: 'Snooze', exact: true }).click();
    await snooze.locator('.field-error').getByText(`must be after today (${today})`).waitFor();
    await dashboard.checkAccessibility('today-snooze');
    await snooze.getByRole('button', { name: 'Next week' }).click();
    await followUps.getByText('Alan Turing').waitFor({ state: 'detached' });
    const alan = (await t.http().get(`/people/${scene.people.alan}`).set(user.auth).expect(200)).body;
    expect(alan.nextFollowUpAt).toBe(addDays(today, 7));

    // Mark the new works seen: the list empties, here and on the server.
    await works.getByRole('button', { name: 'Mark as seen' }).click();
    await works.getByText('Nothing new from the people you are interviewing with.').waitFor();
    expect((await t.http().get('/new-works?scope=all').set(user.auth).expect(200)).body.total).toBe(0);
    // All my people: nothing either, until another work arrives for anyone.
    await works.getByLabel('Whose new works').selectOption('all');
    await works.getByText('Nothing new from your people since you last looked.').waitFor();

    // Keyboard only: Tab from the nav reaches the overdue task's Done, and Enter marks it done.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).focus();
    const target = 'Mark “Send the notebook to Ada” done';
    let focused = '';
    for (let i = 0; i < 40 && focused !== target; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>("document.activeElement?.getAttribute('aria-label') || ''");
    }
    expect(focused).toBe(target);
    await page.keyboard.press('Enter');
    await task.waitFor({ state: 'detached' });
    expect(dashboard.problems).toEqual([]);
  }, 90_000);
});
