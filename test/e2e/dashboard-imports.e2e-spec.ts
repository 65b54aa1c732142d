import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { TestApp } from '../support/test-app';

/**
 * Imports and exports, and administration, in Debian's Chromium against the real API and worker:
 * a LinkedIn Connections.csv with a bad row and its per-row report, a vCard, a file that is not what
 * it says and one over the size limit refused with the API's words, a file big enough to become a job
 * followed to its end, both downloads, the JSON export restored into a second, empty account (and
 * refused once it is not); an invitation shown once and used, the new user disabled, the last
 * admin kept, and the screen not found to a non-admin. axe-core and screenshots on each.
 */
const PASSWORD = 'a long enough password';
const BODY_LIMIT = 256 * 1024;
const INLINE_MAX_ROWS = 40;

// LinkedIn's export as it writes it: a "Notes:" preamble, a blank line, then the header (lines 1–4).
const LINKEDIN_PREAMBLE =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address."\n\n' +
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
const CONNECTIONS =
  LINKEDIN_PREAMBLE +
  'Grace,Hopper,https://www.linkedin.com/in/grace-hopper-e2e,grace@example.org,Harvard Computation Lab,Research Engineer,03 Mar 2025\n' +
  'Katherine,Johnson,https://www.linkedin.com/in/katherine-johnson-e2e,,NACA Langley,"Research Mathematician, Flight Research",12 Feb 2025\n' +
  ',,https://www.linkedin.com/in/nameless-e2e,,Somewhere,Engineer,01 Jan 2025\n' +
  'Barbara,Liskov,https://www.linkedin.com/in/barbara-liskov-e2e,barbara(at)example.org,MIT CSAIL,Professor,20 Jan 2025\n';
// One card for someone already there (Grace, by email: gains a phone), one new.
const VCARDS =
  'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nEMAIL:grace@example.org\r\nTEL;TYPE=cell:+1 202 555 0143\r\nEND:VCARD\r\n' +
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mary Somerville\r\nN:Somerville;Mary;;;\r\nORG:Royal Institution\r\nTITLE:Science writer\r\nEMAIL;TYPE=INTERNET:mary@example.org\r\nEND:VCARD\r\n';
const BIG_ROWS = 150;
const BIG =
  LINKEDIN_PREAMBLE +
  Array.from({ length: BIG_ROWS }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return `Researcher,Number ${n},https://www.linkedin.com/in/researcher-${n}-e2e,researcher${n}@example.org,Lab ${i % 7},Research Scientist,0${(i % 9) + 1} Apr 2025\n`;
  }).join('');

describe('the Imports and Administration screens in a browser', () => {
  let t: TestApp;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let problems: string[];
  const adminEmail = 'admin.imports@example.org';
  const invitedEmail = 'invited.user@example.org';

  beforeAll(async () => {
    // Small enough for a test: a file over 40 rows is a job, a body over 256 KiB is refused.
    dashboard = await startDashboard({ spec: 'imports', app: { worker: true, env: { IMPORT_INLINE_MAX_ROWS: String(INLINE_MAX_ROWS), BODY_LIMIT_BYTES: String(BODY_LIMIT), REGISTRATION: 'invite' } }, context: { acceptDownloads: true }, permissions: ['clipboard-read', 'clipboard-write'] });
    ({ t, page, baseUrl, problems } = dashboard);
  }, 300_000);
  afterAll(() => dashboard?.close());

  const section = (p: Page, name: string) => p.getByRole('region', { name, exact: true });
  const upload = async (p: Page, label: string, name: string, mimeType: string, content: string) => {
    await p.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  };
  const signUp = async (p: Page, email: string, path = '/app/sign-up') => {
    await p.goto(`${baseUrl}${path}`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Create account' }).click();
    await p.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  };
  let exported = '';

  it('imports a LinkedIn file and a vCard with their reports, refuses bad files plainly, follows a big one as a job, and downloads both exports', async () => {
    await signUp(page, adminEmail);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports and exports', level: 1 }).waitFor();
    await section(page, 'Past imports').getByText('No import yet').waitFor();

    // Connections.csv with a nameless row and a bad email: the report says which line, and why.
    const contacts = section(page, 'Import contacts');
    await upload(page, 'Contacts file', 'Connections.csv', 'text/csv', CONNECTIONS);
    await contacts.getByRole('button', { name: 'Import contacts' }).click();
    const report = section(page, 'Import report');
    await report.getByText('LinkedIn connections').waitFor();
    const totals = report.getByRole('definition');
    expect(await totals.allTextContents()).toEqual(['3', '0', '1', '1']);
    const skipped = report.getByRole('list', { name: /^Skipped rows/ }).getByRole('listitem');
    expect(await skipped.allTextContents()).toEqual(['Line 7: no name: First Name and Last Name are both empty']);
    expect(await report.getByRole('list', { name: /^Warnings/ }).textContent()).toMatch(/^Line 8: "barbara\(at\)example\.org" is not an email address; left out$/);
    expect(new URL(page.url()).searchParams.get('run')).toMatch(/^[0-9a-f-]{36}$/);
    await dashboard.checkAccessibility('import-report');
    await dashboard.shoot('import-report', { readme: 'imports' });
    // The report is a link: it survives a reload.
    await page.reload();
    await section(page, 'Import report').getByRole('list', { name: /^Skipped rows/ }).waitFor();

    // A vCard: one new person, one known person (by email) with a phone added.
    await upload(page, 'Contacts file', 'contacts.vcf', 'text/vcard', VCARDS);
    await contacts.getByRole('button', { name: 'Import contacts' }).click();
    await report.getByText('vCard contacts').waitFor();
    expect(await report.getByRole('definition').allTextContents()).toEqual(['1', '1', '0', '0']);
    await report.getByText('No row was skipped.').waitFor();

    // Not a Connections.csv: the API's 400 and the line it names. Too large: the API's 413. Nothing imported.
    await upload(page, 'Contacts file', 'notes.csv', 'text/csv', 'Shopping list\nmilk,eggs\n');
    await contacts.getByRole('button', { name: 'Import contacts' }).click();
    await contacts.getByRole('alert').filter({ hasText: /^Nothing to import: no LinkedIn connections header found; missing columns: / }).waitFor();
    await contacts.getByRole('list', { name: 'What is wrong with the file' }).getByText(/^line 1: no LinkedIn connections header found/).waitFor();
    await upload(page, 'Contacts file', 'Connections.csv', 'text/csv', LINKEDIN_PREAMBLE + 'Ada,Lovelace,,,,,\n'.repeat(Math.ceil((BODY_LIMIT + 4096) / 17)));
    await contacts.getByRole('button', { name: 'Import contacts' }).click();
    await contacts.getByRole('alert').filter({ hasText: 'The uploaded file is larger than the server accepts' }).waitFor();
    const peopleBefore = await page.request.get(`${baseUrl}/people?limit=1`);
    expect((await peopleBefore.json()).total).toBe(4);

    // Over the inline limit: a job; the page follows its progress to the report.
    await upload(page, 'Contacts file', 'Connections.csv', 'text/csv', BIG);
    await contacts.getByRole('button', { name: 'Import contacts' }).click();
    await report.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    // From the 202 answer (waiting), then the worker's count (running), however fast the worker is.
    await report.getByText(new RegExp(`^(Waiting for its turn: ${BIG_ROWS} rows to import|\\d+ of ${BIG_ROWS} rows)`)).waitFor();
    await report.getByText('done', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await report.getByRole('definition').allTextContents()).toEqual([String(BIG_ROWS), '0', '0', '0']);
    expect(await report.getByRole('progressbar').count()).toBe(0);

    // Past imports, newest first, each opening its report.
    const history = section(page, 'Past imports').getByRole('list', { name: 'Your imports' }).getByRole('listitem');
    // The list follows the job too (it asks again while one runs, and once the report has seen the end).
    await history.first().filter({ hasText: `${BIG_ROWS} created` }).waitFor();
    expect(await history.count()).toBe(3);
    expect(await history.allTextContents()).toEqual([
      expect.stringMatching(/^LinkedIn connections done.*150 created, 0 updated, 0 skipped/),
      expect.stringMatching(/^vCard contacts done.*1 created, 1 updated, 0 skipped/),
      expect.stringMatching(/^LinkedIn connections done.*3 created, 0 updated, 1 skipped/),
    ]);
    await history.nth(2).getByRole('link', { name: /^Report of the LinkedIn connections import/ }).click();
    await report.getByText('Line 7: no name').waitFor();
    await dashboard.checkAccessibility('imports');
    await dashboard.shoot('imports');

    // The downloads: plain links, the session cookie, a file name from the server.
    const exports = section(page, 'Export your data');
    const [json] = await Promise.all([page.waitForEvent('download'), exports.getByRole('link', { name: 'Everything, as a Dossier export (JSON)' }).click()]);
    expect(json.suggestedFilename()).toBe('dossier-export.json');
    exported = readFileSync((await json.path())!, 'utf8');
    const document = JSON.parse(exported);
    expect(document).toMatchObject({ format: 'dossier-export' });
    expect(document.people).toHaveLength(BIG_ROWS + 4);
    expect(document.people.find((p: { fullName: string }) => p.fullName === 'Grace Hopper')).toMatchObject({ emails: ['grace@example.org'], phones: [expect.stringMatching(/555/)] });
    const [vcf] = await Promise.all([page.waitForEvent('download'), exports.getByRole('link', { name: 'Your people as vCards (.vcf)' }).click()]);
    expect(vcf.suggestedFilename()).toBe('dossier-people.vcf');
    const cards = readFileSync((await vcf.path())!, 'utf8');
    expect(cards.match(/^BEGIN:VCARD/gm)).toHaveLength(BIG_ROWS + 4);
    expect(cards).toContain('FN:Mary Somerville');
    const headers = (await page.request.get(`${baseUrl}${await exports.getByRole('link', { name: 'the same as vCard 3.0' }).getAttribute('href')}`)).headers();
    expect(headers['content-disposition']).toBe('attachment; filename="dossier-people.vcf"');
    expect(headers['content-type']).toMatch(/^text\/vcard/);
    expect(problems).toEqual([]);
  }, 120_000);

  it('invites a user (the link shown once), who restores the export into their empty account and cannot open Administration; disables them; keeps the last admin', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await section(page, 'Invitations').getByText('No invitation yet.').waitFor();
    const accounts = section(page, 'Users').getByRole('list', { name: 'Accounts' }).getByRole('listitem');
    expect(await accounts.count()).toBe(1);

    // An invitation for one address: its link shown once, copied, then hidden for good.
    const invitations = section(page, 'Invitations');
    await invitations.getByLabel('For (email, optional)').fill(invitedEmail);
    await invitations.getByLabel('Valid for').selectOption('30');
    await invitations.getByRole('button', { name: 'Create invitation' }).click();
    const shown = page.getByRole('region', { name: `Invitation link for ${invitedEmail}` });
    const link = await shown.getByLabel(`Invitation link for ${invitedEmail}`).inputValue();
    // On the server's public URL (PUBLIC_URL; this test's server listens on another port).
    expect(new URL(link).pathname).toMatch(/^\/app\/invitations\/dsi_[\w-]{40,}$/);
    await shown.getByRole('button', { name: 'Copy the link' }).click();
    await shown.getByText('Copied.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(link);
    await invitations.getByRole('list', { name: 'Invitations sent' }).getByText(invitedEmail).waitFor();
    await dashboard.checkAccessibility('admin-invitation-shown');
    await shown.getByRole('button', { name: 'Done, hide it' }).click();
    await page.reload();
    await invitations.getByRole('list', { name: 'Invitations sent' }).locator('[data-status="pending"]').waitFor();
    expect(await page.content()).not.toContain(new URL(link).pathname.split('/').pop()!);

    // The invited user signs up with the link, in another browser.
    const theirs = await dashboard.newPage();
    const other = theirs.context();
    await signUp(theirs, invitedEmail, new URL(link).pathname);
    // No Administration for them: no nav entry, and the screen is not found.
    expect(await theirs.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await theirs.goto(`${baseUrl}/app/admin`);
    await theirs.getByRole('heading', { name: 'Not found', level: 1 }).waitFor();
    expect(await theirs.getByRole('heading', { name: 'Administration' }).count()).toBe(0);

    // Their account is empty: the admin's export restores into it (over 40 records: a job, followed).
    await theirs.goto(`${baseUrl}/app/imports`);
    await upload(theirs, 'Dossier export file', 'dossier-export.json', 'application/json', exported);
    await section(theirs, 'Restore from a Dossier export').getByRole('button', { name: 'Restore this export' }).click();
    const restored = section(theirs, 'Import report');
    await restored.getByText('Dossier export').first().waitFor();
    await restored.getByText('done', { exact: true }).waitFor({ timeout: 30_000 });
    const created = Number((await restored.getByRole('definition').first().textContent())!);
    expect(created).toBeGreaterThanOrEqual(BIG_ROWS + 4);
    expect((await (await theirs.request.get(`${baseUrl}/people?limit=1`)).json()).total).toBe(BIG_ROWS + 4);
    // Twice: refused, the account is not empty any more.
    await upload(theirs, 'Dossier export file', 'dossier-export.json', 'application/json', exported);
    await section(theirs, 'Restore from a Dossier export').getByRole('button', { name: 'Restore this export' }).click();
    await section(theirs, 'Restore from a Dossier export').getByRole('alert').filter({ hasText: 'A Dossier export can only be imported into an empty account' }).waitFor();

    // The admin sees the invitation used and the new account, and disables it: their session ends.
    await page.reload();
    await invitations.getByRole('list', { name: 'Invitations sent' }).locator('[data-status="used"]').waitFor();
    const invited = section(page, 'Users').locator(`[data-email="${invitedEmail}"]`);
    await invited.getByRole('button', { name: `Disable ${invitedEmail}` }).click();
    await invited.getByText(/^disabled since/).waitFor();
    await theirs.reload();
    await theirs.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    const refused = await t.http().post('/auth/login').send({ email: invitedEmail, password: PASSWORD });
    expect(refused.status).toBeGreaterThanOrEqual(400);

    // The last active admin cannot lose the role: the API's refusal, under the account.
    const me = section(page, 'Users').locator(`[data-email="${adminEmail}"]`);
    await me.getByRole('button', { name: `Remove admin from ${adminEmail}` }).click();
    await me.getByRole('alert').filter({ hasText: 'This is the only active admin: make another account admin first' }).waitFor();
    expect((await (await page.request.get(`${baseUrl}/me`)).json()).role).toBe('admin');

    // An invitation for anyone, withdrawn: it leaves the list of pending ones.
    await invitations.getByRole('button', { name: 'Create invitation' }).click();
    await page.getByRole('region', { name: 'Invitation link for anyone with the link' }).getByRole('button', { name: 'Done, hide it' }).click();
    await invitations.getByRole('button', { name: 'Revoke the invitation for anyone with the link' }).click();
    await invitations.getByRole('button', { name: 'Revoke the invitation for anyone with the link' }).waitFor({ state: 'detached' });
    expect((await (await page.request.get(`${baseUrl}/admin/invitations`)).json()).total).toBe(1);

    await dashboard.checkAccessibility('admin');
    await dashboard.shoot('admin');
    await other.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
