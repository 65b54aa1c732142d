import { generateSync } from 'otplib';
import { Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The Settings screen in Debian's Chromium (CHROMIUM_PATH), served by the real API from
 * `npm run build`'s dist/web: the profile's time zone kept across a reload, a password refused with
 * the API's field error, another session ended, a read-only token shown once then listed and
 * revoked, the calendar feed created, the security events that follow, two-factor enrolment with its recovery codes shown once, new recovery codes and two-factor turned off, résumé projects added (after a field error), edited and deleted; axe-core and screenshots at
 * desktop and phone widths in test/output/screenshots/.
 */
const PASSWORD = 'a long enough password';

describe('the Settings screen in a browser', () => {
  let t: TestApp;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let problems: string[];

  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'settings', permissions: ['clipboard-read', 'clipboard-write'] });
    ({ t, page, baseUrl, problems } = dashboard);
  }, 300_000);
  afterAll(() => dashboard?.close());



  const section = (name: string) => page.getByRole('region', { name, exact: true });

  it('keeps the time zone, shows a token once, revokes it, creates the feed and lists the security events', async () => {
    const email = 'settings.user@example.org';
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    // Settings from the nav, every section loaded.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/settings');
    await page.getByText('No token yet.').waitFor();
    await page.getByText('No feed: create one').waitFor();
    await section('Sessions').getByText('this browser').waitFor();

    // Profile: a name and a zone from the list, kept by the server across a reload.
    await page.getByLabel('Display name').fill('Grace Settings');
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await waitFor(async () => ((await page.getByLabel('Time zone').inputValue()) === 'Asia/Tokyo' ? true : undefined));
    expect(await page.getByLabel('Display name').inputValue()).toBe('Grace Settings');
    await page.getByRole('banner').getByText('Grace Settings').waitFor();
    const me = await t.http().post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    const auth = { authorization: `Bearer ${me.body.token}` };
    expect((await t.http().get('/me').set(auth).expect(200)).body.timeZone).toBe('Asia/Tokyo');

    // Password: the API's field problem under the field, and nothing changed.
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await section('Password').locator('.field-error').filter({ hasText: /10 characters/ }).waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');

    // Sessions: the API client's session (signed in above) ended from here; its token is refused.
    await page.reload();
    const endButtons = section('Sessions').getByRole('button', { name: /^End the session/ });
    await endButtons.first().waitFor();
    expect(await endButtons.count()).toBe(1);
    await endButtons.first().click();
    await endButtons.first().waitFor({ state: 'detached' });
    await t.http().get('/me').set(auth).expect(401);

    // A read-only token: shown once with a copy button, then listed without its secret.
    const tokens = section('Personal access tokens');
    await tokens.getByLabel('Token name').fill('backup script');
    await tokens.getByLabel('Access').selectOption('read');
    await tokens.getByLabel('Expires after').selectOption('30');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('region', { name: 'Your new token “backup script”' });
    await shown.getByText("you won't see it again").waitFor();
    const secret = (await shown.getByTestId('secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(20);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    const listed = tokens.getByRole('list', { name: 'Your tokens' }).getByRole('listitem').filter({ hasText: 'backup script' });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('read only');
    expect(await listed.textContent()).not.toContain(secret);
    // It is what the screen says: it reads, and a write is refused.
    await t.http().get('/me').set('authorization', `Bearer ${secret}`).expect(200);
    await t.http().patch('/me').set('authorization', `Bearer ${secret}`).send({ displayName: 'x' }).expect(403);
    await dashboard.checkAccessibility('settings-token-shown');
    await shown.getByRole('button', { name: 'Done, hide it' }).click();
    await shown.waitFor({ state: 'detached' });
    // Gone after a reload: the secret is never shown again.
    await page.reload();
    await listed.waitFor();
    expect(await page.content()).not.toContain(secret);

    // Revoke it: it leaves the list and the API refuses it.
    await tokens.getByRole('button', { name: 'Revoke the token backup script' }).click();
    await tokens.getByText('No token yet.').waitFor();
    await t.http().get('/me').set('authorization', `Bearer ${secret}`).expect(401);

    // The calendar feed: created, its URL shown once and working; the status says active.
    await section('Calendar feed').getByRole('button', { name: 'Create the feed' }).click();
    const feedUrl = (await page.getByRole('region', { name: 'Your calendar feed URL' }).getByTestId('secret').textContent())!.trim();
    expect(feedUrl).toMatch(/\/calendar\/.+\.ics$/);
    await t.http().get(new URL(feedUrl).pathname).expect(200);
    await section('Calendar feed').getByText(/^Active since/).waitFor();
    await section('Calendar feed').getByRole('button', { name: 'Rotate the URL' }).waitFor();

    // Security events: the token's creation and revocation and the feed, newest first.
    const events = section('Security events');
    await events.locator('[data-kind="token-created"]').filter({ hasText: 'backup script' }).waitFor();
    await events.locator('[data-kind="token-revoked"]').waitFor();
    await events.locator('[data-kind="feed-rotated"]').waitFor();
    expect(await events.locator('li').first().getAttribute('data-kind')).toBe('feed-rotated');

    await dashboard.checkAccessibility('settings');
    await dashboard.shoot('settings', { readme: 'settings' });

    // Keyboard: from the nav's Settings link, Tab reaches the profile's fields and its Save.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate<string>("document.activeElement?.getAttribute('aria-label') || document.activeElement?.labels?.[0]?.textContent || document.activeElement?.textContent || ''"));
    }
    expect(reached).toEqual(expect.arrayContaining(['Display name', 'Time zone', 'Save profile']));
    expect(problems).toEqual([]);
  }, 120_000);

  it('turns two-factor on (the secret as text, the code confirmed, the recovery codes shown once), replaces the recovery codes, and turns it off', async () => {
    const email = 'settings.user@example.org';
    const twoFactor = section('Two-factor sign-in');
    // The wrong password: the API's problem under the field.
    await twoFactor.getByLabel('Your password').fill('not my password at all');
    await twoFactor.getByRole('button', { name: 'Set up two-factor' }).click();
    await twoFactor.locator('.field-error').filter({ hasText: 'is not your current password' }).waitFor();
    await twoFactor.getByLabel('Your password').fill(PASSWORD);
    await twoFactor.getByRole('button', { name: 'Set up two-factor' }).click();
    const secret = (await twoFactor.getByTestId('two-factor-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await twoFactor.getByText(/^otpauth:\/\/totp\//).waitFor();
    // A wrong code, then the app's.
    await twoFactor.getByLabel('Code from the app').fill('000000');
    await twoFactor.getByRole('button', { name: 'Turn on two-factor' }).click();
    await twoFactor.locator('.field-error').waitFor();
    await twoFactor.getByLabel('Code from the app').fill(generateSync({ secret }));
    await twoFactor.getByRole('button', { name: 'Turn on two-factor' }).click();
    const codes = page.getByRole('region', { name: /^Your recovery codes/ });
    await codes.getByText("you won't see it again").waitFor();
    const firstCodes = (await codes.getByTestId('secret').textContent())!.trim().split(/\s+/);
    expect(firstCodes).toHaveLength(10);
    await dashboard.checkAccessibility('settings-two-factor');
    await dashboard.shoot('settings-two-factor');
    // It is on: a sign-in without a code is refused, and a reload never shows the codes again.
    const refused = await t.http().post('/auth/login').send({ email, password: PASSWORD }).expect(401);
    expect(refused.body.code).toBe('auth.two-factor-required');
    await page.reload();
    await section('Two-factor sign-in').getByText('Two-factor sign-in is on').waitFor();
    expect(await page.getByRole('region', { name: /^Your recovery codes/ }).count()).toBe(0);
    await section('Security events').locator('[data-kind="two-factor-enabled"]').waitFor();

    // New recovery codes, with the password and one of the old codes: shown once, the old ones spent.
    const manage = section('Two-factor sign-in');
    await manage.getByLabel('Your password').fill(PASSWORD);
    await manage.getByLabel('Code from the app or a recovery code').fill('000000');
    await manage.getByRole('button', { name: 'New recovery codes' }).click();
    await manage.locator('.field-error').first().waitFor();
    await manage.getByLabel('Code from the app or a recovery code').fill(firstCodes[0]);
    await manage.getByRole('button', { name: 'New recovery codes' }).click();
    const renewed = page.getByRole('region', { name: /^Your recovery codes/ });
    const newCodes = (await renewed.getByTestId('secret').textContent())!.trim().split(/\s+/);
    expect(newCodes).toHaveLength(10);
    expect(newCodes.filter((c) => firstCodes.includes(c))).toEqual([]);
    await dashboard.checkAccessibility('settings-recovery-codes');
    await renewed.getByRole('button', { name: 'Done, hide it' }).click();
    await renewed.waitFor({ state: 'detached' });
    // An old code no longer signs in; a new one does.
    expect((await t.http().post('/auth/login').send({ email, password: PASSWORD, code: firstCodes[1] })).status).toBe(401);
    await t.http().post('/auth/login').send({ email, password: PASSWORD, code: newCodes[0] }).expect(200);

    // Turn it off with the password and a new code: signing in asks for the password only.
    await manage.getByLabel('Your password').fill(PASSWORD);
    await manage.getByLabel('Code from the app or a recovery code').fill(newCodes[1]);
    await manage.getByRole('button', { name: 'Turn off two-factor' }).click();
    await manage.getByRole('status').filter({ hasText: 'Two-factor sign-in is off' }).waitFor();
    await manage.getByRole('button', { name: 'Set up two-factor' }).waitFor();
    await t.http().post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    await section('Security events').locator('[data-kind="two-factor-disabled"]').waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('adds a résumé project after a field error, edits it and deletes it', async () => {
    const projects = section('Résumé projects');
    await projects.getByText('No project yet.').waitFor();
    await projects.getByRole('button', { name: 'Add a project' }).click();
    const form = projects.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project title').fill('Distributed RL trainer');
    await form.getByLabel('Your role').fill('Lead engineer');
    await form.getByLabel('From (month)').fill('2025-06');
    await form.getByLabel('To (month)').fill('2024-01');
    await form.getByLabel('Tags').fill('JAX, Kubernetes, jax');
    await form.getByLabel('Talking points').fill('Why actors restart without losing episodes\nThe 3× throughput fix');
    await form.getByLabel('Links').fill('https://github.com/example/trainer code');
    await form.getByLabel('Team lead').check();
    await form.getByRole('button', { name: 'Add project' }).click();
    // The API's problem under its field; nothing saved.
    await form.locator('.field-error').filter({ hasText: 'must not be before periodFrom (2025-06)' }).waitFor();
    expect(await form.getByLabel('To (month)').getAttribute('aria-invalid')).toBe('true');
    await dashboard.checkAccessibility('settings-resume-project-error');
    await form.getByLabel('To (month)').fill('2026-01');
    await form.getByRole('button', { name: 'Add project' }).click();
    const listed = projects.getByRole('list', { name: 'Your résumé projects' }).getByRole('listitem').filter({ hasText: 'Distributed RL trainer' });
    await listed.getByText('2 talking points').waitFor();
    const me = await t.http().post('/auth/login').send({ email: 'settings.user@example.org', password: PASSWORD }).expect(200);
    const auth = { authorization: `Bearer ${me.body.token}` };
    const saved = (await t.http().get('/resume-projects').set(auth).expect(200)).body.items;
    expect(saved).toEqual([
      expect.objectContaining({ title: 'Distributed RL trainer', role: 'Lead engineer', periodFrom: '2025-06', periodTo: '2026-01', tags: ['JAX', 'Kubernetes'], talkingPoints: ['Why actors restart without losing episodes', 'The 3× throughput fix'], links: [{ url: 'https://github.com/example/trainer', label: 'code' }], stageTypes: ['team_lead'] }),
    ]);

    // Edit: the form comes back filled; a new title is kept.
    await projects.getByRole('button', { name: 'Edit the project Distributed RL trainer' }).click();
    const edit = projects.getByRole('form', { name: 'Edit Distributed RL trainer' });
    expect(await edit.getByLabel('Tags').inputValue()).toBe('JAX, Kubernetes');
    await edit.getByLabel('Project title').fill('Distributed RL trainer at scale');
    await edit.getByRole('button', { name: 'Save project' }).click();
    await projects.getByRole('listitem').filter({ hasText: 'Distributed RL trainer at scale' }).waitFor();
    expect((await t.http().get(`/resume-projects/${saved[0].id}`).set(auth).expect(200)).body).toMatchObject({ title: 'Distributed RL trainer at scale', tags: ['JAX', 'Kubernetes'] });
    await dashboard.checkAccessibility('settings-resume-projects');
    await dashboard.shoot('settings-resume-projects');

    // Delete, after the browser's confirmation.
    page.once('dialog', (dialog) => void dialog.accept());
    await projects.getByRole('button', { name: 'Delete the project Distributed RL trainer at scale' }).click();
    await projects.getByText('No project yet.').waitFor();
    await t.http().get(`/resume-projects/${saved[0].id}`).set(auth).expect(404);
    expect(problems).toEqual([]);
  }, 60_000);
});
