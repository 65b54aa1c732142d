import { Dashboard, startDashboard } from '../support/dashboard-browser';

/**
 * A new account's first look: Today says where to start, and one button loads the example research
 * lab (only into an account with no application), after which the pipeline, the interviews and Today
 * are full of it and the offer is gone; what one screen changes, the next one opened shows.
 */
const PASSWORD = 'a long enough password';

describe('the first day in a browser', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'example' });
  }, 300_000);
  afterAll(() => dashboard?.close());

  it('offers the example lab to an empty account, loads it, and the screens fill with it', async () => {
    const { page, baseUrl, problems } = dashboard;
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill('first.day@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    const start = page.getByRole('region', { name: 'Start here' });
    await start.waitFor();
    await start.getByRole('link', { name: 'an import' }).waitFor();
    await dashboard.checkAccessibility('today-first-day');
    await dashboard.shoot('today-first-day');

    await start.getByRole('button', { name: 'Load the example lab' }).click();
    const loaded = page.getByRole('region', { name: 'The example lab is loaded' });
    await loaded.waitFor();
    expect(await loaded.textContent()).toMatch(/8 people, 3 applications/);
    // Today itself now has the example's interview in three days.
    await page.getByText('Example Frontier Lab').first().waitFor();

    await loaded.getByRole('link', { name: 'Open the pipeline' }).click();
    await page.locator('[data-board-ready]').waitFor();
    expect(await page.locator('[data-board-ready] a[href^="/app/applications/"]').count()).toBeGreaterThan(0);

    // A change made on one screen shows on the next one opened, not 30 seconds later: the pipeline's
    // form has read the organizations; one is added on Organizations; the form offers it at once.
    const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('button', { name: 'Create an application' }).click();
    const form = page.getByRole('form', { name: 'New application' });
    await form.getByLabel('Organization').locator('option', { hasText: 'Example Frontier Lab' }).waitFor({ state: 'attached' });
    await nav('Organizations');
    const add = page.getByRole('region', { name: 'Add an organization' });
    await add.getByLabel('Name').fill('Second Lab');
    await add.getByRole('button', { name: 'Add organization' }).click();
    await add.getByRole('status').getByRole('link', { name: 'Second Lab' }).waitFor();
    await nav('Pipeline');
    await page.getByRole('button', { name: 'Create an application' }).click();
    await page.getByRole('form', { name: 'New application' }).getByLabel('Organization').locator('option', { hasText: 'Second Lab' }).waitFor({ state: 'attached', timeout: 5_000 });

    // Back on Today after a reload: the account has applications, so no offer to load the example again.
    await page.goto(`${baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Tasks due' }).waitFor();
    expect(await page.getByRole('region', { name: 'Start here' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
