import { seedInterviewScene, Scene } from '../support/briefing-scene';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { registerUser, TestUser } from '../support/test-app';

/**
 * Readiness in Debian's Chromium, on the briefing tests' interview scene (a team-lead interview with
 * Ada in three days, one of her papers read): Today shows the figure with its parts behind a
 * disclosure, the interview's page every part with what it counts and the next step; writing a
 * story and holding a mock raise it. axe-core and screenshots at desktop and phone widths.
 */
const PASSWORD = 'a long enough password';

describe('readiness in the dashboard', () => {
  let dashboard: Dashboard;
  let user: TestUser;
  let scene: Scene;
  let interviewId: string;

  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'readiness', timezoneId: 'Europe/Paris' });
    user = await registerUser(dashboard.t, { email: 'readiness.user@example.org', password: PASSWORD });
    scene = await seedInterviewScene(dashboard.t, user);
    const soon = new Date(Date.now() + 3 * 86_400_000);
    soon.setUTCHours(14, 0, 0, 0);
    interviewId = await scene.scheduleInterview(soon.toISOString());
  }, 300_000);
  afterAll(() => dashboard?.close());

  it('shows the figure with its parts in Today and on the interview, and it rises with a story and a mock', async () => {
    const { t, page, baseUrl } = dashboard;
    const readiness = async () => (await t.http().get(`/interviews/${interviewId}/readiness`).set(user.auth).expect(200)).body;
    const before = await readiness();

    await page.goto(`${baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    // Today: the interview's figure, then its parts on demand.
    const row = page.getByRole('region', { name: 'Upcoming interviews', exact: true }).getByRole('listitem').filter({ hasText: 'Team lead interview' });
    const figure = row.getByTestId('readiness');
    await figure.getByText(`Readiness ${before.figure} of 100`).waitFor();
    await figure.getByText(`Its ${before.parts.length} parts`).click();
    const parts = figure.getByRole('list', { name: 'Parts of the readiness for Team lead interview' });
    await parts.getByRole('listitem').filter({ hasText: "Interviewers' papers read" }).getByText(/^\d+ of \d+ papers read/).waitFor();
    await parts.getByRole('listitem').filter({ hasText: 'Stories ready' }).getByText('Next: Write a story showing conflict, failure, leadership, ambiguity, impact').waitFor();
    await figure.getByText(/left out: study plan on track \(no study plan for this stage\)/).waitFor();
    await dashboard.screen('readiness-today', { readme: 'readiness' });

    // The interview's page: every part shown, with its share of the figure.
    await row.getByRole('link', { name: /Team lead interview/ }).click();
    const section = page.getByRole('region', { name: 'Readiness', exact: true });
    await section.getByText(`Readiness ${before.figure} of 100`).waitFor();
    for (const p of before.parts) await section.getByRole('listitem').filter({ hasText: p.label }).getByText(`· ${p.share}% of the figure`).waitFor();
    await dashboard.screen('readiness-interview');

    // A story for the team-lead round and a mock with a friend: the figure rises on the next visit.
    await t.http().post('/stories').set(user.auth).send({ title: 'The launch we nearly missed', competencies: ['conflict', 'leadership', 'impact'], stageTypes: ['team_lead'] }).expect(201);
    const friend = (await t.http().post('/people').set(user.auth).send({ fullName: 'Priya Mock' }).expect(201)).body.id;
    await t.http().post('/mock-interviews').set(user.auth).send({ personId: friend, stageType: 'team_lead', heldAt: new Date(Date.now() - 86_400_000).toISOString() }).expect(201);
    const after = await readiness();
    expect(after.figure).toBeGreaterThan(before.figure);
    await page.reload();
    await section.getByText(`Readiness ${after.figure} of 100`).waitFor();
    await section.getByRole('listitem').filter({ hasText: 'Stories ready' }).getByText('3 of 5 competencies have a story').waitFor();
    await section.getByRole('listitem').filter({ hasText: 'Mock interviews' }).getByText('1 of 2 mock team lead interviews done').waitFor();
    expect(dashboard.problems).toEqual([]);
  }, 120_000);
});
