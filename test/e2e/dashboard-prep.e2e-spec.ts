import { Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { registerUser, TestApp, TestUser } from '../support/test-app';
import { TestClock } from '../support/test-clock';

/**
 * The preparation screens in Debian's Chromium, served by the real API from `npm run build`'s
 * dist/web, with the app's clock moved by hand (never by waiting). The story: a research-lab loop
 * with a quiz and a coding interview dated; a plan started from the starter plans; a week of slow
 * study logged in the UI puts the user behind and the plan says what to drop and skim; the quiz
 * moves earlier and the plan re-spreads; a question added, drilled, and drilled again when FSRS
 * brings it back; a mock with a contact; behavioural stories and the competencies still without
 * one; readiness rising on Prepare and in the coding interview's second briefing. axe-core and
 * screenshots at desktop and phone widths on every screen.
 */
const PASSWORD = 'a long enough password';
const DAY = 86_400_000;

describe('the preparation screens in a browser', () => {
  let t: TestApp;
  let user: TestUser;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let problems: string[];
  // Monday morning, six weeks before the quiz.
  const clock = new TestClock(new Date('2027-03-01T09:00:00Z'));
  let applicationId: string;
  let quizInterviewId: string;
  let quizStageId: string;
  let codingStageId: string;
  let codingStageName: string;
  let codingInterviewId: string;

  beforeAll(async () => {
    // The worker writes the briefings (their readiness, and what changed since the version before).
    dashboard = await startDashboard({ spec: 'prep', app: { clock, worker: true } });
    ({ t, page, baseUrl, problems } = dashboard);
    // A step that does not happen fails with its locator long before the test's own timeout.
    page.setDefaultTimeout(15_000);
    user = await registerUser(t, { password: PASSWORD });
    const org = (await t.http().post('/organizations').set(user.auth).send({ name: 'Frontier Lab' }).expect(201)).body;
    const application = (await t.http().post('/applications').set(user.auth).send({ organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    applicationId = application.id;
    quizStageId = application.stages.find((s: { type: string }) => s.type === 'quiz').id;
    codingStageId = application.stages.find((s: { type: string }) => s.type === 'coding').id;
    const interview = async (stageId: string, startsAt: string) => (await t.http().post('/interviews').set(user.auth).send({ stageId, startsAt, timeZone: 'UTC', durationMinutes: 60, format: 'video' }).expect(201)).body;
    quizInterviewId = (await interview(quizStageId, '2027-04-12T10:00:00Z')).id;
    codingStageName = application.stages.find((s: { type: string }) => s.type === 'coding').name;
    codingInterviewId = (await interview(codingStageId, '2027-04-26T10:00:00Z')).id;
    await t.http().post('/people').set(user.auth).send({ fullName: 'Grace Hopper', organizationId: org.id }).expect(201);
  }, 300_000);
  afterAll(() => dashboard?.close());

  const region = (name: string) => page.getByRole('region', { name, exact: true });

  it('plans from the starter plans, falls behind, re-spreads, drills on schedule, records a mock and writes stories', async () => {
    await page.goto(`${baseUrl}/app/sign-in?next=${encodeURIComponent('/prepare')}`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Prepare', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prepare' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('No plan yet').waitFor();
    await dashboard.screen('prepare-plans');

    // From the application page, its study plan; none yet: start one from the starter plans.
    await page.goto(`${baseUrl}/app/applications/${applicationId}`);
    await page.getByRole('link', { name: 'Study plan' }).click();
    await page.getByRole('heading', { name: 'Start a study plan' }).waitFor();
    await page.getByRole('list', { name: 'Starter plans' }).getByText('Cracking the Coding Interview, Ch. 1–9').waitFor();
    // What the API refuses is shown under its field: less than half an hour a week.
    await page.getByLabel('Hours a week').fill('0.1');
    await page.getByRole('button', { name: 'Start the plan' }).click();
    await page.locator('.field-error').filter({ hasText: 'between 0.5 and 100' }).waitFor();
    expect((await t.http().get('/study-plans').set(user.auth).expect(200)).body.total).toBe(0);
    await dashboard.screen('plan-start');
    await page.getByLabel('Hours a week').fill('14');
    await page.getByLabel('Pages an hour').fill('25');
    await page.getByLabel('Problems an hour').fill('2');
    await page.getByRole('button', { name: 'Start the plan' }).click();
    const standing = region('Where you stand');
    await standing.getByText('On track').waitFor();
    // Today first: two hours of the algorithms textbook.
    const today = page.getByRole('listitem', { name: 'Today, 1 Mar 2027' });
    expect(await today.textContent()).toContain('Algorithms textbook (about 340 of its 400 pages) — Ch. 1 Foundations and complexity: pages 0–35');
    const quizRow = () => region('Stages').getByRole('row').filter({ hasText: 'Quiz' }).first();
    expect(await quizRow().textContent()).toContain('12 Apr 2027');
    // Readiness for the coding interview, with its parts: the plan is on track, nothing practised or mocked yet.
    const codingReadiness = () => region('Readiness').getByRole('listitem', { name: `${codingStageName} at Frontier Lab` });
    const figure = async () => Number(/Readiness (\d+) of 100/.exec((await codingReadiness().textContent()) ?? '')?.[1]);
    await codingReadiness().waitFor();
    const readyAtStart = await figure();
    expect(readyAtStart).toBe((await t.http().get(`/interviews/${codingInterviewId}/readiness`).set(user.auth).expect(200)).body.figure);
    await dashboard.screen('plan-on-track');
    // The coding interview's first briefing, with readiness as it is now.
    await codingReadiness().getByRole('link', { name: `${codingStageName} at Frontier Lab` }).click();
    const briefings = region('Briefings');
    await briefings.getByRole('button', { name: 'Generate a new version' }).click();
    await briefings.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Version 1' }) }).getByText('Ready').waitFor({ timeout: 60_000 });
    await page.goto(`${baseUrl}/app/applications/${applicationId}/plan`);
    await codingReadiness().waitFor();

    // A week of slow study, logged in the UI: ten pages in an hour a day.
    await region('Resources per stage').getByRole('link', { name: 'Algorithms textbook (about 340 of its 400 pages)' }).click();
    await page.getByRole('heading', { name: 'Algorithms textbook (about 340 of its 400 pages)', level: 1 }).waitFor();
    for (let day = 0; day < 7; day++) {
      await page.getByLabel('How much (pages)').fill('10');
      await page.getByLabel('How long (minutes)').fill('60');
      if (day === 0) await page.getByLabel('Session notes').fill('Slower than I hoped');
      await page.getByRole('button', { name: 'Log the session' }).click();
      await page.getByRole('status').filter({ hasText: 'Logged 10 pages in 60 min.' }).waitFor();
      await page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').nth(day).waitFor();
      clock.advance(DAY);
    }
    expect(await page.getByText('70 of 340 pages (21%) · 7 sessions').textContent()).toBeTruthy();
    expect(await page.getByRole('list', { name: 'Sessions' }).textContent()).toContain('Slower than I hoped');
    await dashboard.screen('resource', { readme: 'study-resource' });

    // The plan: behind, by how much, and what to drop and skim to make it.
    await page.goto(`${baseUrl}/app/applications/${applicationId}/plan`);
    await standing.getByText('Behind by 19.4 h').waitFor();
    expect(await standing.textContent()).toContain('16.8 h a week would make every dated stage (you have 14 h)');
    expect(await standing.textContent()).toContain('10 pages an hour (from your log, 7 timed sessions)');
    const advice = await region('To make it').getByRole('listitem').allTextContents();
    expect(advice).toEqual([
      expect.stringMatching(/^Drop Ch\. 8 When models meet data, .* of Mathematics for Machine Learning for the .*: saves 14\.8 h\.$/),
      expect.stringMatching(/^Skim Ch\. 6 Math and logic puzzles, Ch\. 9 System design and scalability of Cracking the Coding Interview, Ch\. 1–9 for the .*: saves 6\.8 h\.$/),
    ]);
    expect(await page.getByRole('listitem', { name: 'Today, 8 Mar 2027' }).count()).toBe(1);
    await dashboard.screen('plan-behind', { readme: 'study-plan' });

    // The quiz moves two weeks earlier: the plan re-spreads from the new date.
    await t.http().patch(`/interviews/${quizInterviewId}`).set(user.auth).send({ startsAt: '2027-03-29T10:00:00Z' }).expect(200);
    await page.reload();
    await quizRow().filter({ hasText: '29 Mar 2027' }).waitFor();
    expect(await quizRow().textContent()).toContain('Behind by 26.4 h');
    await standing.getByText('Behind by 26.4 h').waitFor();

    // A resource of one's own: a problem set with its problems; a title the API refuses first.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prepare' }).click();
    await page.getByRole('navigation', { name: 'Prepare' }).getByRole('link', { name: 'Resources' }).click();
    await page.getByRole('list', { name: 'Resources' }).getByText('Mathematics for Machine Learning').waitFor();
    await page.getByRole('button', { name: 'Add a resource' }).click();
    await page.getByLabel('Kind').selectOption('problem_set');
    expect(await page.getByLabel('Counted in').inputValue()).toBe('problems');
    await page.getByLabel('Title', { exact: true }).fill('x'.repeat(301));
    await page.getByRole('button', { name: 'Add a problem' }).click();
    await page.getByLabel('Problem 1 title').fill('Longest increasing subsequence');
    await page.getByLabel('Problem 1 problems').fill('1');
    await page.getByRole('button', { name: 'Add a problem' }).click();
    await page.getByLabel('Problem 2 title').fill('Edit distance');
    await page.getByLabel('Problem 2 problems').fill('1');
    await page.getByLabel('Problem 2 emphasis').selectOption('skim');
    await page.getByLabel('Topics').fill('dynamic programming, strings');
    await page.getByRole('group', { name: 'Prepares for' }).getByLabel('Coding').check();
    await page.getByRole('button', { name: 'Add the resource' }).click();
    await page.locator('.field-error').filter({ hasText: /300 characters/ }).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await dashboard.screen('resource-form');
    await page.getByLabel('Title', { exact: true }).fill('DP drills');
    await page.getByRole('button', { name: 'Add the resource' }).click();
    const drills = page.getByRole('list', { name: 'Resources' }).getByRole('listitem').filter({ hasText: 'DP drills' });
    await drills.waitFor();
    expect(await drills.textContent()).toContain('0 of 2 problems (0%)');
    expect(await drills.textContent()).toContain('#dynamic programming');
    await dashboard.screen('resources');
    // Edited on its page: the form holds what it has; a problem added, a topic changed.
    await drills.getByRole('link', { name: 'DP drills' }).click();
    await page.getByRole('button', { name: 'Edit DP drills' }).click();
    const editingDrills = page.getByRole('form', { name: 'Edit DP drills' });
    expect(await editingDrills.getByLabel('Problem 2 title').inputValue()).toBe('Edit distance');
    expect(await editingDrills.getByLabel('Problem 2 emphasis').inputValue()).toBe('skim');
    await editingDrills.getByRole('button', { name: 'Add a problem' }).click();
    await editingDrills.getByLabel('Problem 3 title').fill('Knapsack');
    await editingDrills.getByLabel('Problem 3 problems').fill('1');
    await editingDrills.getByLabel('Topics').fill('dynamic programming, strings, knapsack');
    await dashboard.screen('resource-edit');
    await editingDrills.getByRole('button', { name: 'Save the resource' }).click();
    await page.getByText('0 of 3 problems (0%)').waitFor();
    await page.getByText('dynamic programming, strings, knapsack', { exact: true }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('Knapsack');

    // The question bank: add a question with answer notes.
    await page.getByRole('navigation', { name: 'Prepare' }).getByRole('link', { name: 'Question bank' }).click();
    await page.getByText('No questions yet').waitFor();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question', { exact: true }).fill('Explain the bias-variance trade-off');
    await page.getByLabel('Question topic').fill('machine learning');
    await page.getByLabel('For stage type').selectOption('quiz');
    await page.getByLabel('Asked at').selectOption({ label: 'Frontier Lab' });
    await page.getByLabel('Where it came from').selectOption('book');
    await page.getByLabel('Your answer notes').fill('Error = bias² + variance + noise; more capacity trades one for the other.');
    await page.getByRole('button', { name: 'Add the question' }).click();
    const question = page.getByRole('list', { name: 'Questions' }).getByRole('listitem').filter({ hasText: 'Explain the bias-variance trade-off' });
    await question.waitFor();
    expect(await question.textContent()).toContain('not drilled yet');
    await page.getByLabel('Stage type').selectOption('coding');
    await page.getByText('No question matches these filters.').waitFor();
    await page.getByLabel('Stage type').selectOption('quiz');
    await question.waitFor();
    await dashboard.screen('questions');

    // Practice: the question is due today; the notes on demand; rated Good, it comes back days later.
    await page.getByRole('navigation', { name: 'Prepare' }).getByRole('link', { name: 'Practice' }).click();
    // The bank's list also shows the question: wait for the drill itself, not the text left from the bank.
    await page.getByLabel('Drill').getByText('Explain the bias-variance trade-off').waitFor();
    await page.getByText('1 due today (8 Mar 2027)').waitFor();
    await page.getByRole('button', { name: 'Show my notes' }).click();
    await page.getByText('Error = bias² + variance + noise').waitFor();
    await dashboard.screen('practice', { readme: 'practice' });
    await page.getByRole('button', { name: 'Good' }).click();
    // New, it is learnt in steps: back ten minutes later, the same day.
    await page.getByRole('status').filter({ hasText: 'Rated “Good”: next review on 8 Mar 2027, 09:10' }).waitFor();
    await page.getByText('One question comes back later today').waitFor();
    clock.advance(10 * 60_000);
    await page.getByRole('button', { name: 'Check the queue again' }).click();
    await page.getByText('Drilled 1×').waitFor();
    await page.getByRole('button', { name: 'Good' }).click();
    await page.getByRole('status').filter({ hasText: 'Rated “Good”: next review on' }).waitFor();
    await page.getByText('Done for today: every question due is drilled.').waitFor();
    const drilled = (await t.http().get('/questions').set(user.auth).expect(200)).body.items[0].practice;
    expect([drilled.reps, drilled.state]).toEqual([2, 'review']);
    expect(await page.getByRole('status').filter({ hasText: 'next review on' }).textContent()).toContain(new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(drilled.due)));
    // Not due before its day; due on it.
    await page.reload();
    await page.getByText('Nothing is due today').waitFor();
    clock.advance(Date.parse(drilled.due) - clock.now().getTime());
    await page.reload();
    await page.getByText('Explain the bias-variance trade-off').waitFor();
    await page.getByRole('button', { name: 'Easy' }).click();
    await page.getByRole('status').filter({ hasText: 'Rated “Easy”: next review on' }).waitFor();
    expect((await t.http().get('/questions').set(user.auth).expect(200)).body.items[0].practice.reps).toBe(3);

    // A mock with a contact: a bank question asked, a new one added, feedback and a score.
    await page.getByRole('navigation', { name: 'Prepare' }).getByRole('link', { name: 'Mock interviews' }).click();
    await page.getByText('No mock interview yet').waitFor();
    await page.getByRole('button', { name: 'Record a mock interview' }).click();
    // Preparing for the lab: the people who work there are suggested, with the reason.
    await page.getByLabel('Mock stage type').selectOption('coding');
    await page.getByLabel('Preparing for').selectOption({ label: 'Frontier Lab' });
    const suggested = page.getByRole('list', { name: 'Suggested interviewers' }).getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    await suggested.waitFor();
    expect(await suggested.textContent()).toContain('Works at Frontier Lab');
    await page.getByRole('button', { name: 'Choose Grace Hopper' }).click();
    const heldAt = new Date(clock.now().getTime() - 3 * 3_600_000).toISOString().slice(0, 16);
    await page.getByLabel('Held at').fill(heldAt);
    await page.getByLabel('Find in your bank').fill('bias');
    await page.getByRole('button', { name: 'Asked: Explain the bias-variance trade-off' }).click();
    await page.getByRole('button', { name: 'Add a question not in the bank' }).click();
    await page.getByLabel('New question 1', { exact: true }).fill('Design an LRU cache');
    await page.getByLabel('New question 1 topic').fill('data structures');
    await page.getByLabel('Feedback').fill('Clear on the cache; slow to test edge cases.');
    await page.getByRole('button', { name: 'Add a score' }).click();
    await page.getByLabel('Score 1 topic').fill('data structures');
    await page.getByLabel('Score 1', { exact: true }).selectOption('4');
    await dashboard.screen('mock-form');
    await page.getByRole('button', { name: 'Record the mock' }).click();
    const mock = page.getByRole('list', { name: 'Mock interviews' }).getByRole('listitem').first();
    await mock.filter({ hasText: 'Grace Hopper' }).waitFor();
    expect(await mock.textContent()).toContain('Coding mock with Grace Hopper for Frontier Lab');
    expect(await mock.textContent()).toContain('data structures: 4/5');
    expect(await mock.textContent()).toContain('2 questions asked');
    const bank = (await t.http().get('/questions?source=mock').set(user.auth).expect(200)).body.items;
    expect(bank.map((q: { text: string }) => q.text)).toEqual(['Design an LRU cache']);
    // The written feedback came the next day: edited in place, its scores with it.
    await mock.getByRole('button', { name: /^Edit feedback of the mock of / }).click();
    const feedbackForm = mock.getByRole('form', { name: /^Feedback of the mock of / });
    expect(await feedbackForm.getByLabel('Feedback').inputValue()).toBe('Clear on the cache; slow to test edge cases.');
    expect(await feedbackForm.getByLabel('Score 1', { exact: true }).inputValue()).toBe('4');
    await feedbackForm.getByLabel('Feedback').fill('Clear on the cache; slow to test edge cases. Write the tests first next time.');
    await feedbackForm.getByRole('button', { name: 'Add a score' }).click();
    await feedbackForm.getByLabel('Score 2 topic').fill('testing');
    await feedbackForm.getByLabel('Score 2', { exact: true }).selectOption('2');
    await dashboard.screen('mock-feedback');
    await feedbackForm.getByRole('button', { name: 'Save the feedback' }).click();
    await mock.getByText('testing: 2/5').waitFor();
    expect(await mock.textContent()).toContain('data structures: 4/5');
    expect(await mock.textContent()).toContain('Write the tests first next time.');
    await dashboard.screen('mocks', { readme: 'mock-interviews' });

    // Stories: every competency without one at first; two covered by the first story.
    await page.getByRole('navigation', { name: 'Prepare' }).getByRole('link', { name: 'Stories' }).click();
    const coverage = region('Coverage');
    await coverage.getByText('No story yet for: Conflict, Failure, Leadership, Ambiguity, Impact.').waitFor();
    await page.getByRole('button', { name: 'Add a story' }).click();
    await page.getByLabel('Title').fill('The week-long data-loader bug');
    await page.getByLabel('Situation').fill('A shared training cluster, a deadline in a week.');
    await page.getByLabel('Task').fill('Find why runs diverged after a refactor I reviewed.');
    await page.getByLabel('Action').fill('Bisected the loader, disagreed with the owner in the open, wrote the test.');
    await page.getByLabel('Result').fill('Fixed in three days; the test caught two later regressions.');
    await page.getByRole('group', { name: 'Competencies it shows' }).getByLabel('Conflict').check();
    await page.getByRole('group', { name: 'Competencies it shows' }).getByLabel('Failure').check();
    await page.getByRole('group', { name: 'Worth telling in' }).getByLabel('Team lead').check();
    await page.getByRole('button', { name: 'Add the story' }).click();
    await coverage.getByText('No story yet for: Leadership, Ambiguity, Impact.').waitFor();
    expect(await page.getByRole('list', { name: 'Stories', exact: true }).textContent()).toContain('Tell it in: Team lead');
    // Edited in place: the form holds what was written, and the story shows what was saved.
    await page.getByRole('button', { name: 'Edit The week-long data-loader bug' }).click();
    const editing = page.getByRole('form', { name: 'Edit The week-long data-loader bug' });
    expect(await editing.getByLabel('Situation').inputValue()).toBe('A shared training cluster, a deadline in a week.');
    expect(await editing.getByRole('group', { name: 'Competencies it shows' }).getByLabel('Conflict').isChecked()).toBe(true);
    await dashboard.screen('story-edit');
    await editing.getByLabel('Result').fill('Fixed in three days; I led the post-mortem, and the test caught two later regressions.');
    await editing.getByRole('group', { name: 'Competencies it shows' }).getByLabel('Leadership').check();
    await editing.getByRole('button', { name: 'Save the story' }).click();
    await coverage.getByText('No story yet for: Ambiguity, Impact.').waitFor();
    const storyRow = page.getByRole('list', { name: 'Stories', exact: true }).getByRole('listitem');
    await storyRow.getByText('Situation, task, action, result').click();
    await storyRow.getByText('I led the post-mortem').waitFor();
    expect(await storyRow.textContent()).toContain('Leadership');
    expect(await storyRow.textContent()).toContain('Tell it in: Team lead');
    await dashboard.screen('stories', { readme: 'stories' });

    // Readiness for the coding interview rose: questions drilled, a mock done for its stage type.
    await page.getByRole('navigation', { name: 'Prepare' }).getByRole('link', { name: 'Plans' }).click();
    await codingReadiness().waitFor();
    const readyNow = await figure();
    expect(readyNow).toBeGreaterThan(readyAtStart);
    expect(readyNow).toBe((await t.http().get(`/interviews/${codingInterviewId}/readiness`).set(user.auth).expect(200)).body.figure);
    await codingReadiness().getByText(/^Its \d+ parts$/).click();
    expect(await codingReadiness().textContent()).toMatch(/Mock/i);
    await dashboard.screen('prepare-readiness');

    // The briefing's second version says readiness then and now, and the progress made in between.
    await codingReadiness().getByRole('link', { name: `${codingStageName} at Frontier Lab` }).click();
    await briefings.getByRole('button', { name: 'Generate a new version' }).click();
    await briefings.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Version 2' }) }).getByText('Ready').waitFor({ timeout: 60_000 });
    const changed = briefings.getByRole('list', { name: 'What changed in version 2' });
    await changed.getByText(/^Readiness: /).waitFor();
    const changes = await changed.getByRole('listitem').allTextContents();
    // Rising from the figure of version 1 to the one Prepare showed (the worker writes briefings on the test's clock).
    const [, then, now] = /^Readiness: (\d+) → (\d+) of 100\.$/.exec(changes[0]) ?? [];
    expect(Number(now)).toBeGreaterThan(Number(then));
    expect(Number(now)).toBe(readyNow);
    expect(changes[1]).toBe('Progress: 7 h of study logged (7 sessions), 3 questions drilled, 1 mock interview, 1 story added.');
    await dashboard.screen('briefing-readiness');

    // On the coding interview's page: what to practise for it (the lab's questions), and a question asked in it recorded into the bank.
    const questions = region('Questions');
    await questions.getByRole('list', { name: 'To practise for this interview' }).getByText('Explain the bias-variance trade-off').waitFor();
    await questions.getByLabel('Question asked', { exact: true }).fill('Implement top-k with a heap');
    await questions.getByLabel('Its topic').fill('heaps');
    await questions.getByRole('button', { name: 'Record the question' }).click();
    await questions.getByRole('list', { name: 'Asked in this interview' }).getByText('Implement top-k with a heap').waitFor();
    const recorded = (await t.http().get(`/questions?interviewId=${codingInterviewId}`).set(user.auth).expect(200)).body.items;
    expect(recorded).toEqual([expect.objectContaining({ text: 'Implement top-k with a heap', topic: 'heaps', source: 'interview', stageType: 'coding' })]);
    await dashboard.screen('interview-questions');

    expect(problems).toEqual([]);
  }, 240_000);
});
