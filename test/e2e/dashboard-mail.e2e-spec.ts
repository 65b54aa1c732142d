import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';

/**
 * Settings' "Mail" section in Debian's Chromium, against a real SMTP server in the test process: the
 * sender shown, a bad digest hour refused under the field, settings kept across a reload, a mail the
 * server refused for good shown as failed with its reason; axe-core and screenshots at desktop and
 * phone widths.
 */
describe('mail settings in Settings, in a browser', () => {
  const smtp = new SmtpSink();
  let d: Dashboard;
  beforeAll(async () => {
    await smtp.start();
    d = await startDashboard({ spec: 'mail', app: { worker: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Dossier <dossier@example.org>', MAIL_RETRY_DELAY_MS: '50' } } });
  }, 300_000);
  afterAll(async () => {
    await d?.close();
    await smtp.stop();
  });

  it('shows, checks and saves the mail settings, and shows a mail that failed', async () => {
    const { page, baseUrl } = d;
    const email = 'mail.settings@example.org';
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/app/settings`);

    const section = page.getByRole('region', { name: 'Mail', exact: true });
    const server = async () => (await page.request.get(`${baseUrl}/me/mail-settings`)).json();
    await section.getByTestId('mail-server-status').filter({ hasText: 'Mail is sent from Dossier <dossier@example.org>.' }).waitFor();
    await section.getByText('No mail sent yet.').waitFor();
    await d.checkAccessibility('settings-mail');
    await section.scrollIntoViewIfNeeded();
    await d.shoot('settings-mail', { readme: 'mail' });

    // An hour out of range: the API's problem under the field, nothing saved.
    const hour = section.getByLabel('Digest hour');
    await hour.fill('24');
    await section.getByRole('button', { name: 'Save mail settings' }).click();
    await section.locator('.field-error').first().waitFor();
    expect(await hour.getAttribute('aria-invalid')).toBe('true');
    expect((await server()).digestHour).toBe(7);
    await d.checkAccessibility('settings-mail-error');

    // Saved, and kept across a reload.
    await hour.fill('18');
    await section.getByLabel('Briefing lead time (hours)').fill('6');
    await section.getByRole('checkbox', { name: /Daily digest/ }).uncheck();
    await section.getByRole('button', { name: 'Save mail settings' }).click();
    await section.getByRole('status').filter({ hasText: 'Mail settings saved.' }).waitFor();
    expect(await server()).toMatchObject({ digestHour: 18, briefingLeadHours: 6, kinds: { digest: false, briefing: true, account: true }, address: email });
    await page.reload();
    expect(await section.getByLabel('Digest hour').inputValue()).toBe('18');
    expect(await section.getByRole('checkbox', { name: /Daily digest/ }).isChecked()).toBe(false);

    // A sign-in from another browser is mailed; the server refuses it for good: the section says so.
    smtp.refuse = () => ({ code: 550, message: '5.1.1 mailbox unavailable' });
    await page.request.post(`${baseUrl}/auth/login`, { data: { email, password: 'a long enough password' }, headers: { 'user-agent': 'Other browser/2.0' } });
    await waitFor(async () => ((await server()).failures.count === 1 ? true : undefined));
    await page.reload();
    await section.getByTestId('mail-failures').filter({ hasText: '550' }).waitFor();
    await section.getByRole('list', { name: 'Sent mail' }).getByText('New sign-in to Dossier').waitFor();
    await d.checkAccessibility('settings-mail-failed');
    await section.scrollIntoViewIfNeeded();
    await d.shoot('settings-mail-failed');

    // And a line on Today, so a reminder that never arrived does not go unseen.
    await page.goto(`${baseUrl}/app/`);
    await page.getByTestId('today-mail-failures').filter({ hasText: 'could not be delivered this week' }).waitFor();
    await d.checkAccessibility('today-mail-failed');
    await d.shoot('today-mail-failed');
    expect(d.problems).toEqual([]);
  }, 120_000);
});
