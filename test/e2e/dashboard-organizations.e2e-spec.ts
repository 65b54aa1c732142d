import { Locator, Page } from 'playwright-core';
import type { components } from '../../apps/web/src/lib/api/schema';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Organizations, teams and the funnel in Debian's Chromium, served by the real API from dist/web.
 * A pipeline is set up through the API (a duplicate "FrontierAI" with a team, a person and an
 * application that failed a quiz; "Quiet Lab" with one under way), then, as a person would: create
 * "Frontier Lab" (a field error first, and a name already taken), give it another name, research
 * notes, two teams (one renamed), merge the duplicate in after reading what moves; then the funnel's
 * figures, overall, per organization and filtered, are the API's. axe-core and screenshots.
 */
const DAY = 86_400_000;
const midnight = (daysAgo: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY);
const at = (daysAgo: number) => midnight(daysAgo).toISOString();
const date = (daysAgo: number) => at(daysAgo).slice(0, 10);

type TypeRow = components['schemas']['FunnelTypeDto'];
type StageRow = components['schemas']['FunnelStageDto'];

const TYPE_LABELS: Record<string, string> = { recruiter: 'Recruiter', quiz: 'Quiz', coding: 'Coding', team_lead: 'Team lead', senior_lead: 'Senior lead', culture: 'Culture', take_home: 'Take-home', system_design: 'System design', research: 'Research', other: 'Other' };
const percent = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(n));
const days = (n: number | null) => (n === null ? '—' : `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(n)} ${n === 1 ? 'day' : 'days'}`);
/** A table row as the screen should show it. */
const typeCells = (r: TypeRow) => [TYPE_LABELS[r.type], String(r.reached), String(r.passed), String(r.failed), String(r.current), percent(r.conversion), days(r.medianDays)];
const stageCells = (r: StageRow) => [r.name, TYPE_LABELS[r.type], String(r.reached), String(r.passed), String(r.failed), String(r.current), percent(r.conversion), days(r.medianDays)];

describe('organizations, teams and the funnel in a browser', () => {
  let t: TestApp;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let user: TestUser;
  let problems: string[];
  const ids: Record<string, string> = {};

  const post = (path: string, body: object) => t.http().post(path).set(user.auth).send(body);
  const get = (path: string) => t.http().get(path).set(user.auth);

  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'organizations' });
    ({ t, page, baseUrl, problems } = dashboard);
    user = await registerUser(t);

    // The duplicate: a team, a person on it, and an application that passed the recruiter chat and failed the quiz.
    const dup = (await post('/organizations', { name: 'FrontierAI', website: 'frontier.example', researchNotes: 'Seen at NeurIPS: hiring for world models.' }).expect(201)).body;
    ids.dup = dup.id;
    ids.dupCore = (await post(`/organizations/${dup.id}/teams`, { name: 'Core' }).expect(201)).body.id;
    ids.ada = (await post('/people', { fullName: 'Ada Duplicate', organizationId: dup.id, teamId: ids.dupCore }).expect(201)).body.id;
    const failed = (await post('/applications', { organizationId: dup.id, teamId: ids.dupCore, role: 'Research Engineer', builtInTemplate: 'research-engineer', appliedOn: date(30) }).expect(201)).body;
    await post(`/applications/${failed.id}/moves`, { move: 'pass', at: at(27) }).expect(200);
    await post(`/applications/${failed.id}/moves`, { move: 'advance', at: at(25) }).expect(200);
    await post(`/applications/${failed.id}/moves`, { move: 'fail', at: at(20) }).expect(200);

    // Quiet Lab: recruiter chat passed after 3 days, now in the quiz.
    const quiet = (await post('/organizations', { name: 'Quiet Lab', tags: ['startup'] }).expect(201)).body;
    ids.quiet = quiet.id;
    const going = (await post('/applications', { organizationId: quiet.id, role: 'Research Engineer', builtInTemplate: 'research-engineer', appliedOn: date(10) }).expect(201)).body;
    await post(`/applications/${going.id}/moves`, { move: 'pass', at: at(7) }).expect(200);
    await post(`/applications/${going.id}/moves`, { move: 'advance', at: at(6) }).expect(200);
  }, 300_000);
  afterAll(() => dashboard?.close());

  const section = (name: string) => page.getByRole('region', { name, exact: true });
  /** The cells of a table's body rows, as text. */
  const tableRows = async (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));

  it('creates an organization, names, notes and teams it, and merges its duplicate in', async () => {
    await page.goto(`${baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    const list = section('Your organizations').getByRole('list', { name: 'Organizations' });
    await list.getByRole('link', { name: 'FrontierAI' }).waitFor();
    await list.getByRole('listitem').filter({ hasText: 'Quiet Lab' }).getByRole('button', { name: 'Only organizations of kind startup' }).waitFor();
    await list.getByRole('listitem').filter({ hasText: 'FrontierAI' }).getByText('1 team: Core').waitFor();

    // Search by name: the list follows typing.
    await section('Your organizations').getByLabel('Search').fill('quiet');
    await list.getByRole('link', { name: 'FrontierAI' }).waitFor({ state: 'detached' });
    expect(await list.getByRole('link').allTextContents()).toEqual(['Quiet Lab']);
    await section('Your organizations').getByLabel('Search').fill('');
    await list.getByRole('link', { name: 'FrontierAI' }).waitFor();
    // By kind, from a tag on a row; the filter is in the URL.
    await list.getByRole('button', { name: 'Only organizations of kind startup' }).click();
    await list.getByRole('link', { name: 'FrontierAI' }).waitFor({ state: 'detached' });
    expect(await section('Your organizations').getByLabel('Kind', { exact: true }).inputValue()).toBe('startup');
    expect(new URL(page.url()).searchParams.get('tag')).toBe('startup');
    await section('Your organizations').getByLabel('Kind', { exact: true }).fill('');
    await list.getByRole('link', { name: 'FrontierAI' }).waitFor();

    // Create: a website the API refuses, shown under its field; then a name already taken, under the name.
    const add = section('Add an organization');
    await add.getByLabel('Name').fill('Frontier Lab');
    await add.getByLabel('Website').fill('ftp://frontier.example');
    await add.getByRole('button', { name: 'Add organization' }).click();
    const websiteError = add.locator('.field-error');
    await websiteError.waitFor();
    expect(await add.getByLabel('Website').getAttribute('aria-invalid')).toBe('true');
    expect((await get('/organizations?q=Frontier%20Lab').expect(200)).body.total).toBe(0);
    await add.getByLabel('Name').fill('Quiet Lab');
    await add.getByLabel('Website').fill('frontier.example');
    await add.getByRole('button', { name: 'Add organization' }).click();
    await add.locator('.field-error').filter({ hasText: 'An organization named "Quiet Lab" already exists' }).waitFor();
    expect(await add.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await dashboard.checkAccessibility('organizations-field-error');

    await add.getByLabel('Name').fill('Frontier Lab');
    await add.getByLabel('Kind').fill('frontier-lab, london');
    await add.getByRole('button', { name: 'Add organization' }).click();
    await add.getByRole('status').filter({ hasText: 'Added Frontier Lab.' }).waitFor();
    await list.getByRole('link', { name: 'Frontier Lab' }).waitFor();
    await dashboard.checkAccessibility('organizations');
    await dashboard.shoot('organizations', { readme: 'organizations' });

    await add.getByRole('status').getByRole('link', { name: 'Frontier Lab' }).click();
    await page.getByRole('heading', { name: 'Frontier Lab', level: 1 }).waitFor();
    ids.main = new URL(page.url()).pathname.split('/').pop()!;
    let main = (await get(`/organizations/${ids.main}`).expect(200)).body;
    expect(main).toMatchObject({ name: 'Frontier Lab', website: 'https://frontier.example/', tags: ['frontier-lab', 'london'] });
    await section('Details').getByRole('link', { name: /frontier\.example/ }).waitFor();
    await section('People there').getByText('Nobody you know works here yet').waitFor();
    await section('Teams').getByText('No team yet').waitFor();

    // Edit the details: a website the API refuses, under its field; then saved.
    const details = section('Details');
    await details.getByRole('button', { name: 'Edit details' }).click();
    await details.getByLabel('Website').fill('ftp://frontier.example');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.locator('.field-error').waitFor();
    expect(await details.getByLabel('Website').getAttribute('aria-invalid')).toBe('true');
    await details.getByLabel('Website').fill('frontier.example/research');
    await details.getByLabel('Kind').fill('frontier-lab');
    await details.getByLabel('Description').fill('A research lab in London.');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByRole('link', { name: /frontier\.example\/research/ }).waitFor();
    await details.getByText('A research lab in London.').waitFor();
    expect((await get(`/organizations/${ids.main}`).expect(200)).body).toMatchObject({ website: 'https://frontier.example/research', tags: ['frontier-lab'], description: 'A research lab in London.' });

    // Another name: listed, and search finds the organization by it.
    // (From the keyboard: Enter in the field adds it.)
    await section('Other names').getByLabel('Another name').fill('Frontier Research');
    await section('Other names').getByLabel('Another name').press('Enter');
    await section('Other names').getByRole('list', { name: 'Other names' }).getByText('Frontier Research').waitFor();
    expect((await get('/organizations?q=frontier%20research').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual(['Frontier Lab']);
    // A name another organization has is refused with the API's reason, under the field.
    await section('Other names').getByLabel('Another name').fill('Quiet Lab');
    await section('Other names').getByRole('button', { name: 'Add name' }).click();
    await section('Other names').locator('.field-error').filter({ hasText: 'is the name of another organization (Quiet Lab)' }).waitFor();

    // Research notes, written in place and shown as paragraphs.
    const notes = section('Research notes');
    await notes.getByRole('button', { name: 'Write notes on Frontier Lab' }).click();
    await notes.getByLabel('Research notes on Frontier Lab', { exact: true }).fill('Mission: safe, general agents.\n\nTeams publish on RL and world models; the Core team leads.');
    await notes.getByRole('button', { name: 'Save notes' }).click();
    await notes.locator('p').filter({ hasText: 'Mission: safe, general agents.' }).waitFor();
    expect(await notes.locator('.org-notes p').allTextContents()).toEqual(['Mission: safe, general agents.', 'Teams publish on RL and world models; the Core team leads.']);
    expect((await get(`/organizations/${ids.main}`).expect(200)).body.researchNotes).toBe('Mission: safe, general agents.\n\nTeams publish on RL and world models; the Core team leads.');

    // Teams: add two, a taken name refused, rename one, notes on one.
    const teams = section('Teams');
    for (const name of ['Applied', 'Core']) {
      await teams.getByLabel('New team').fill(name);
      await teams.getByRole('button', { name: 'Add team' }).click();
      await teams.getByRole('list', { name: 'Teams' }).getByText(name, { exact: true }).waitFor();
    }
    await teams.getByLabel('New team').fill('applied');
    await teams.getByRole('button', { name: 'Add team' }).click();
    await teams.locator('.field-error').waitFor();
    await teams.getByRole('button', { name: 'Rename Applied' }).click();
    await teams.getByLabel('New name for Applied').fill('Applied ML');
    await teams.getByRole('button', { name: 'Save name' }).click();
    await teams.getByRole('list', { name: 'Teams' }).getByText('Applied ML', { exact: true }).waitFor();
    await teams.getByRole('button', { name: 'Notes on Core', exact: true }).click();
    await teams.getByRole('button', { name: 'Write notes on Core' }).click();
    await teams.getByLabel('Research notes on Core', { exact: true }).fill('Led by the world-models group.');
    await teams.getByRole('button', { name: 'Save notes' }).click();
    await teams.locator('.org-notes p').filter({ hasText: 'Led by the world-models group.' }).waitFor();
    main = (await get(`/organizations/${ids.main}`).expect(200)).body;
    expect(main.teams.map((x: { name: string; researchNotes: string | null }) => [x.name, x.researchNotes])).toEqual([
      ['Applied ML', null],
      ['Core', 'Led by the world-models group.'],
    ]);

    // Merge the duplicate in: the server's preview says what moves before anything does.
    const merge = section('Merge a duplicate');
    await merge.getByLabel('Find the duplicate').fill('FrontierAI');
    await merge.getByLabel('Organization to merge in').locator('option', { hasText: 'FrontierAI' }).waitFor({ state: 'attached' });
    await merge.getByLabel('Organization to merge in').selectOption({ label: 'FrontierAI' });
    await merge.getByRole('button', { name: 'Preview the merge' }).click();
    const confirm = merge.getByRole('group', { name: 'Merge FrontierAI into Frontier Lab?' });
    await confirm.waitFor();
    expect(await confirm.getByRole('list', { name: 'What moves' }).getByRole('listitem').allTextContents()).toEqual([
      '1 person',
      '1 application, with 0 referrals',
      '1 team folded into the team of the same name here',
      '0 stage templates',
    ]);
    await confirm.getByText('FrontierAI is then deleted').waitFor();
    // Nothing moved yet.
    await get(`/organizations/${ids.dup}`).expect(200);
    await dashboard.checkAccessibility('organization-merge-preview');
    await dashboard.shoot('organization-merge-preview');
    await confirm.getByRole('button', { name: 'Merge FrontierAI into Frontier Lab' }).click();
    await merge.getByRole('status').filter({ hasText: 'Merged FrontierAI into Frontier Lab' }).waitFor();
    await get(`/organizations/${ids.dup}`).expect(404);

    // The person came over (with a link to their page), the duplicate's name is another name, its notes appended.
    const ada = section('People there').getByRole('link', { name: 'Ada Duplicate' });
    await ada.waitFor();
    expect(await ada.getAttribute('href')).toBe(`/app/people/${ids.ada}`);
    await section('Other names').getByRole('list', { name: 'Other names' }).getByText('FrontierAI').waitFor();
    await section('Applications').getByRole('link', { name: 'Research Engineer, Core' }).waitFor();
    await section('Research notes').getByText('Seen at NeurIPS: hiring for world models.').waitFor();
    main = (await get(`/organizations/${ids.main}`).expect(200)).body;
    expect(main.aliases.sort()).toEqual(['Frontier Research', 'FrontierAI']);
    expect((await get(`/people/${ids.ada}`).expect(200)).body.organization.id).toBe(ids.main);

    await dashboard.checkAccessibility('organization');
    await dashboard.shoot('organization');

    // Delete a team after confirming: gone from the screen and the server.
    await section('Teams').getByRole('button', { name: 'Delete Applied ML' }).click();
    await section('Teams').getByRole('group', { name: 'Confirm deleting Applied ML' }).getByRole('button', { name: 'Delete Applied ML' }).click();
    await section('Teams').getByRole('list', { name: 'Teams' }).getByText('Applied ML', { exact: true }).waitFor({ state: 'detached' });
    expect((await get(`/organizations/${ids.main}`).expect(200)).body.teams.map((x: { name: string }) => x.name)).toEqual(['Core']);

    // Remove another name: gone from the screen and the server.
    await section('Other names').getByRole('button', { name: 'Remove the name Frontier Research' }).click();
    await section('Other names').getByRole('button', { name: 'Remove the name Frontier Research' }).waitFor({ state: 'detached' });
    expect((await get(`/organizations/${ids.main}`).expect(200)).body.aliases).toEqual(['FrontierAI']);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows the funnel with the API’s figures, per stage type, per stage and per organization, filtered', async () => {
    await page.goto(`${baseUrl}/app/pipeline/funnel`);
    await page.getByRole('heading', { name: 'Funnel', level: 1 }).waitFor();
    const api = (await get('/applications/funnel').expect(200)).body as components['schemas']['FunnelResponse'];
    expect(api.organizations.map((o) => o.organization.name)).toEqual(['Frontier Lab', 'Quiet Lab']);
    // The figures the story set up: two applications reached and passed the recruiter chat (3 days each), one failed the quiz.
    expect(api.overall.types.find((r) => r.type === 'recruiter')).toMatchObject({ reached: 2, passed: 2, conversion: 1, medianDays: 3 });
    expect(api.overall.types.find((r) => r.type === 'quiz')).toMatchObject({ reached: 2, failed: 1, current: 1, conversion: 0, medianDays: 5 });

    const overall = page.getByRole('region', { name: 'All organizations: figures per stage type' }).getByRole('table');
    await overall.waitFor();
    expect(await tableRows(overall)).toEqual(api.overall.types.map(typeCells));
    for (const org of api.organizations) {
      const table = page.getByRole('region', { name: `${org.organization.name}: figures per stage type` }).getByRole('table');
      expect(await tableRows(table)).toEqual(org.types.map(typeCells));
    }
    // The chart says the same at a glance.
    await section('All organizations').locator('[data-row="Quiz"]').getByText('2 reached · 0% passed').waitFor();
    await dashboard.checkAccessibility('funnel');
    await dashboard.shoot('funnel', { readme: 'funnel' });

    // Per stage name.
    await page.getByRole('radio', { name: 'Stage', exact: true }).check();
    const byStage = page.getByRole('region', { name: 'All organizations: figures per stage' }).getByRole('table');
    await byStage.waitFor();
    expect(await tableRows(byStage)).toEqual(api.overall.stages.map(stageCells));
    await dashboard.checkAccessibility('funnel-by-stage');

    // One organization: its figures only, as the API counts them with that filter.
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Quiet Lab' });
    const quietTable = page.getByRole('region', { name: 'Quiet Lab: figures per stage' }).getByRole('table');
    await quietTable.waitFor();
    const quiet = (await get(`/applications/funnel?organizationId=${ids.quiet}`).expect(200)).body;
    expect(await tableRows(quietTable)).toEqual(quiet.overall.stages.map(stageCells));
    expect(await page.getByRole('region', { name: 'Frontier Lab: figures per stage' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('organizationId')).toBe(ids.quiet);

    // A range that ends before it starts: the API's problem under the field.
    await page.getByLabel('Applied from').fill(date(2));
    await page.getByLabel('Applied until').fill(date(20));
    await page.locator('.field-error').filter({ hasText: 'must not be before from' }).waitFor();
    expect(await page.getByLabel('Applied until').getAttribute('aria-invalid')).toBe('true');

    // A range with no application: the empty state.
    await page.getByLabel('Applied until').fill(date(1));
    await page.getByText('No application matches these filters.').waitFor();
    await dashboard.checkAccessibility('funnel-empty');
    await page.getByRole('button', { name: 'Show all applications' }).click();
    await page.getByRole('region', { name: 'All organizations: figures per stage' }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows a blank account an empty funnel and no organization', async () => {
    const context = page.context();
    await context.clearCookies();
    const fresh = await registerUser(t);
    await page.goto(`${baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(fresh.email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/app/pipeline/funnel`);
    await page.getByText('No application yet: the funnel fills in').waitFor();
    await page.goto(`${baseUrl}/app/organizations`);
    await page.getByText('No organization yet').waitFor();
    // Another account's organization is not found.
    await page.goto(`${baseUrl}/app/organizations/${ids.main}`);
    await page.getByRole('alert').waitFor();
    expect(problems).toEqual([]);
  }, 30_000);
});
