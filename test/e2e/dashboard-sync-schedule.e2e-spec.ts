import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { waitFor } from '../support/wait-for';

/**
 * Settings' "Publication sync" section in Debian's Chromium: the server's default shown, a bad
 * cadence refused with the API's problem under the field, a cadence of the account's own kept
 * across a reload, paused from the keyboard, and back to the server's default; axe-core and
 * screenshots at desktop and phone widths.
 */
describe('the default sync schedule in Settings, in a browser', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await startDashboard({ spec: 'sync-schedule' });
  }, 300_000);
  afterAll(() => d?.close());

  it('sets, shows, pauses and resets the account default', async () => {
    const { page, baseUrl } = d;
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill('sync.default@example.org');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/app/settings`);

    const section = page.getByRole('region', { name: 'Publication sync', exact: true });
    const status = section.getByTestId('sync-schedule-status');
    const hoursInput = section.getByLabel('Sync every (hours)');
    const server = async () => (await page.request.get(`${baseUrl}/me/sync-schedule`)).json();
    const statusReads = (text: string) => waitFor(async () => ((await status.textContent())?.includes(text) ? true : undefined));

    // What is in force, and where it comes from.
    await statusReads("Every 24 hours: the server's default.");
    expect(await section.getByRole('button', { name: "Use the server's default" }).count()).toBe(0);
    await d.checkAccessibility('settings-sync-schedule');
    await section.scrollIntoViewIfNeeded();
    await d.shoot('settings-sync-schedule-default');

    // A cadence out of range: the API's problem under the field, nothing saved.
    await hoursInput.fill('0');
    await section.getByRole('button', { name: 'Save schedule' }).click();
    await section.getByText('must be a whole number of hours from 1 to 8760').waitFor();
    expect(await hoursInput.getAttribute('aria-invalid')).toBe('true');
    expect(await hoursInput.getAttribute('aria-describedby')).toContain('-error');
    expect(await server()).toMatchObject({ source: 'server', everyHours: 24 });
    await d.checkAccessibility('settings-sync-schedule-error');
    await d.shoot('settings-sync-schedule-error');

    // The account's own cadence, kept across a reload.
    await hoursInput.fill('12');
    await section.getByRole('button', { name: 'Save schedule' }).click();
    await section.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();
    await statusReads('Every 12 hours: your setting.');
    expect(await section.getByText('must be a whole number').count()).toBe(0);
    expect(await server()).toEqual({ everyHours: 12, paused: false, source: 'account', serverEveryHours: 24 });
    await page.reload();
    await statusReads('Every 12 hours: your setting.');
    expect(await hoursInput.inputValue()).toBe('12');
    await d.checkAccessibility('settings-sync-schedule-account');
    await d.shoot('settings-sync-schedule-account');

    // Paused, from the keyboard.
    await section.getByRole('button', { name: 'Pause scheduled sync' }).focus();
    await page.keyboard.press('Enter');
    await section.getByRole('status').filter({ hasText: 'Scheduled sync paused.' }).waitFor();
    await statusReads('Paused: your people are not synced on schedule');
    expect(await section.getByRole('button', { name: 'Pause scheduled sync' }).count()).toBe(0);
    expect(await server()).toEqual({ everyHours: null, paused: true, source: 'account', serverEveryHours: 24 });
    await d.checkAccessibility('settings-sync-schedule-paused');
    await d.shoot('settings-sync-schedule-paused');

    // Back to the server's default.
    await section.getByRole('button', { name: "Use the server's default" }).click();
    await section.getByRole('status').filter({ hasText: "Back to the server's default." }).waitFor();
    await statusReads("Every 24 hours: the server's default.");
    expect(await hoursInput.inputValue()).toBe('');
    expect(await server()).toEqual({ everyHours: 24, paused: false, source: 'server', serverEveryHours: 24 });
    expect(d.problems).toEqual([]);
  }, 90_000);
});
