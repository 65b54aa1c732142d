import { Page } from 'playwright-core';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { workAuthor, workRecord } from '../support/work-records';

/**
 * The People screens in Debian's Chromium, served by the real API from `npm run build`'s dist/web:
 * 30 people across organizations, teams and tags filtered by each (the filter kept across a reload),
 * a person created and edited with the API's field errors shown under their fields, a follow-up
 * cadence, a referral asked then given, a warm path read as "you → Grace → Ada", a duplicate pair
 * previewed then merged, a person archived and restored, another erased after typing their name;
 * axe-core and screenshots (people, person, duplicates) at desktop and phone widths.
 */
const PASSWORD = 'a long enough password';
const TAGS = ['rl', 'nlp', 'vision'];
const FIRST = ['Alice', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas'];
const LAST = ['Moreau', 'Okafor', 'Tanaka'];

describe('the People screens in a browser', () => {
  let t: TestApp;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let auth: { authorization: string };
  let problems: string[];
  const ids: Record<string, string> = {};
  const orgs: Record<string, { id: string; teams: Record<string, string> }> = {};
  // What the seed holds, to check the screen's counts against.
  const seeded: { name: string; org: string; team: string | null; tags: string[]; due: boolean }[] = [];

  const http = () => t.http();
  const post = async (path: string, body: object, status = 201) => (await http().post(path).set(auth).send(body).expect(status)).body;
  const section = (name: string) => page.getByRole('region', { name, exact: true });
  const count = (n: number) => page.getByText(`${n} ${n === 1 ? 'person' : 'people'}`, { exact: true });
  const urlParam = (key: string) => new URL(page.url()).searchParams.get(key);
  const filters = () => page.getByRole('search', { name: 'Filter people' });

  beforeAll(async () => {
    dashboard = await startDashboard({ spec: 'people' });
    ({ t, page, baseUrl, problems } = dashboard);

    // A new account in the browser; the seed goes through the API with a token of the same account.
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill('people.user@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const login = await http().post('/auth/login').send({ email: 'people.user@example.org', password: PASSWORD }).expect(200);
    auth = { authorization: `Bearer ${login.body.token}` };

    for (const [name, teams] of [['Example Frontier Lab', ['Core', 'Applied']], ['Open Research Institute', ['Language']], ['Vision Works', []]] as const) {
      const org = await post('/organizations', { name });
      orgs[name] = { id: org.id, teams: {} };
      for (const team of teams) orgs[name].teams[team] = (await post(`/organizations/${org.id}/teams`, { name: team })).id;
    }
    const orgNames = Object.keys(orgs);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 30; i += 1) {
      const org = orgNames[i % 3];
      const teamNames = Object.keys(orgs[org].teams);
      const team = teamNames.length ? teamNames[i % teamNames.length] : null;
      const tags = [TAGS[i % 3], ...(i % 4 === 0 ? ['neurips'] : [])];
      const due = i % 5 === 0;
      const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10)]}`;
      seeded.push({ name, org, team, tags, due });
      await post('/people', { fullName: name, organizationId: orgs[org].id, teamId: team ? orgs[org].teams[team] : null, tags, nextFollowUpAt: due ? yesterday : i % 5 === 1 ? nextMonth : null, emails: [`person${i}@example.org`] });
    }

    // A warm path: Grace (a contact) co-wrote a paper with Ada (the interviewer).
    ids.ada = (await post('/people', { fullName: 'Ada Lovelace', headline: 'Research Scientist, planning', tags: ['interviewer'] })).id;
    ids.grace = (await post('/people', { fullName: 'Grace Hopper', headline: 'Compiler engineer' })).id;
    await new WorksIngestService(new WorksRepository(t.db)).ingest(
      [workRecord({ source: 'openalex', sourceId: 'W-PEOPLE-1', title: 'Planning with Learned Compilers', year: 2024, authors: [workAuthor(1, 'Ada Lovelace', 'A-ADA'), workAuthor(2, 'Grace Hopper', 'A-GRACE')] })],
      new Date(),
    );
    for (const [personId, authorId] of [[ids.ada, 'A-ADA'], [ids.grace, 'A-GRACE']]) {
      await t.db.query(`INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) VALUES ($1, $2, 'openalex', $3, 'linked')`, [login.body.user.id, personId, authorId]);
    }

    // A duplicate pair: the same email, two interactions on one record and one on the other.
    ids.kate = (await post('/people', { fullName: 'Katherine Johnson', emails: ['katherine@example.org'], headline: 'Orbital mechanics', tags: ['nasa'] })).id;
    ids.kate2 = (await post('/people', { fullName: 'Kathy Johnson', emails: ['katherine@example.org', 'kj@example.org'], role: 'Mathematician', links: { linkedin: 'https://www.linkedin.com/in/kathy-johnson' }, tags: ['orbits'] })).id;
    for (const [personId, summary] of [[ids.kate, 'Met at the workshop'], [ids.kate, 'Sent the trajectory notes'], [ids.kate2, 'Call about the lab']]) {
      await post(`/people/${personId}/interactions`, { type: 'message', summary, occurredAt: new Date().toISOString() });
    }

    // An application to ask a referral for.
    ids.application = (await post('/applications', { organizationId: orgs['Example Frontier Lab'].id, teamId: orgs['Example Frontier Lab'].teams.Core, role: 'Research Engineer' })).id;
  }, 300_000);
  afterAll(() => dashboard?.close());

  it('filters by tag, organization, team and follow-up due, kept in the URL across a reload', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await count(seeded.length + 4).waitFor();
    expect(await page.getByRole('list', { name: 'People' }).getByRole('listitem').count()).toBe(25);
    await page.getByRole('navigation', { name: 'Pages' }).getByText(`1–25 of ${seeded.length + 4}`).waitFor();
    await dashboard.shoot('people-all', { readme: 'people' });

    // Tag: typed, sent a moment after the last key; a reload keeps it.
    const rl = seeded.filter((p) => p.tags.includes('rl')).length;
    await filters().getByLabel('Tag', { exact: true }).fill('rl');
    await waitFor(async () => (urlParam('tag') === 'rl' ? true : undefined));
    await count(rl).waitFor();
    await page.reload();
    await count(rl).waitFor();
    expect(await filters().getByLabel('Tag', { exact: true }).inputValue()).toBe('rl');
    // A tag on a row filters by it too.
    await page.getByRole('button', { name: 'Filter by tag neurips' }).first().click();
    await count(seeded.filter((p) => p.tags.includes('neurips')).length).waitFor();
    await filters().getByLabel('Tag', { exact: true }).fill('');
    await waitFor(async () => (urlParam('tag') === null ? true : undefined));

    // Organization, then one of its teams; the reload keeps both selects.
    const lab = seeded.filter((p) => p.org === 'Example Frontier Lab');
    await filters().getByLabel('Organization', { exact: true }).selectOption({ label: 'Example Frontier Lab' });
    await count(lab.length).waitFor();
    await filters().getByLabel('Team', { exact: true }).selectOption({ label: 'Applied' });
    await count(lab.filter((p) => p.team === 'Applied').length).waitFor();
    expect(urlParam('teamId')).toBe(orgs['Example Frontier Lab'].teams.Applied);
    await page.reload();
    await count(lab.filter((p) => p.team === 'Applied').length).waitFor();
    await waitFor(async () => ((await filters().getByLabel('Team', { exact: true }).inputValue()) === orgs['Example Frontier Lab'].teams.Applied ? true : undefined));
    await filters().getByLabel('Organization', { exact: true }).selectOption({ label: 'Any organization' });
    await count(seeded.length + 4).waitFor();

    // Follow-up due (today or before), kept by a reload.
    const due = seeded.filter((p) => p.due).length;
    await filters().getByLabel('Follow-up due').check();
    await count(due).waitFor();
    expect(urlParam('due')).toBe('1');
    await page.reload();
    await count(due).waitFor();
    expect(await filters().getByLabel('Follow-up due').isChecked()).toBe(true);
    await filters().getByLabel('Follow-up due').uncheck();

    // Search as you type: the server searches, one request after the last key.
    await filters().getByLabel('Search').fill('okafor');
    await waitFor(async () => (urlParam('q') === 'okafor' ? true : undefined));
    await count(10).waitFor();
    await filters().getByLabel('Tag', { exact: true }).fill('vision');
    await count(seeded.filter((p) => p.name.endsWith('Okafor') && p.tags.includes('vision')).length).waitFor();
    await dashboard.checkAccessibility('people');
    await dashboard.shoot('people');
    await filters().getByLabel('Search').fill('');
    await filters().getByLabel('Tag', { exact: true }).fill('');
    await count(seeded.length + 4).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('creates a person with a field error, edits them, sets a cadence and asks for a referral', async () => {
    const add = section('Add a person');
    await add.getByLabel('Full name').fill('Mary Jackson');
    await add.getByLabel('Headline').fill('Aerospace engineer');
    await add.getByLabel('Organization').selectOption({ label: 'Example Frontier Lab' });
    await add.getByLabel('Team').selectOption({ label: 'Core' });
    await add.getByLabel('Email', { exact: true }).fill('mary@example.org, not-an-email');
    await add.getByLabel('Tags').fill('wind-tunnel, rl');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await add.locator('.field-error').filter({ hasText: 'is not an email address' }).waitFor();
    expect(await add.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await add.getByLabel('Email', { exact: true }).fill('mary@example.org');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Added Mary Jackson' }).getByRole('link', { name: 'Mary Jackson' }).click();

    await page.getByRole('heading', { name: 'Mary Jackson', level: 1 }).waitFor();
    ids.mary = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('Aerospace engineer · Example Frontier Lab · Core').waitFor();

    // Edit: a LinkedIn link that is not one is refused under its field; fixed, it is saved.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = page.getByRole('form', { name: 'Edit details' });
    await edit.getByLabel('Role').fill('Engineer');
    await edit.getByLabel('Team').selectOption({ label: 'Applied' });
    await edit.getByLabel('LinkedIn').fill('https://example.org/mary');
    await edit.getByLabel('How we met').fill('Poster session at NeurIPS');
    await edit.getByLabel('Notes').fill('Works on wind-tunnel data.\nAsk about the lab.');
    await edit.getByRole('button', { name: 'Save details' }).click();
    await edit.locator('.field-error').filter({ hasText: 'is not a LinkedIn profile URL' }).waitFor();
    expect(await edit.getByLabel('LinkedIn').getAttribute('aria-invalid')).toBe('true');
    await edit.getByLabel('LinkedIn').fill('linkedin.com/in/Mary-Jackson');
    await edit.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByText('Aerospace engineer · Engineer · Example Frontier Lab · Applied').waitFor();
    await page.getByRole('link', { name: 'LinkedIn' }).waitFor();
    await page.getByText('Poster session at NeurIPS').waitFor();
    const mary = (await http().get(`/people/${ids.mary}`).set(auth).expect(200)).body;
    expect(mary).toMatchObject({ role: 'Engineer', team: { name: 'Applied' }, links: { linkedin: 'https://www.linkedin.com/in/mary-jackson' }, tags: ['wind-tunnel', 'rl'], howWeMet: 'Poster session at NeurIPS' });

    // A cadence: every 30 days from a chosen date.
    const followUp = section('Follow-up');
    await followUp.getByText('No follow-up set.').waitFor();
    await followUp.getByLabel('Next follow-up').fill('2027-01-15');
    await followUp.getByLabel('Every (days)').fill('30');
    await followUp.getByRole('button', { name: 'Save follow-up' }).click();
    await followUp.getByRole('status').filter({ hasText: 'Follow-up saved.' }).waitFor();
    await followUp.getByText('Next: 15 Jan 2027, then every 30 days').waitFor();
    expect((await http().get(`/people/${ids.mary}`).set(auth).expect(200)).body).toMatchObject({ nextFollowUpAt: '2027-01-15', followUpCadenceDays: 30 });
    // A cadence the API refuses: its problem under the field.
    await followUp.getByLabel('Every (days)').fill('0');
    await followUp.getByRole('button', { name: 'Save follow-up' }).click();
    await followUp.locator('.field-error').waitFor();

    // Ask for a referral on the application, then mark it given.
    const referrals = section('Asks and referrals');
    await referrals.getByText('No referral yet').waitFor();
    await referrals.getByRole('button', { name: 'Ask for a referral' }).click();
    await referrals.getByRole('button', { name: 'Record the ask' }).click();
    await referrals.locator('.field-error').filter({ hasText: /applicationId|UUID/i }).waitFor();
    await referrals.getByLabel('For the application').selectOption({ label: 'Research Engineer at Example Frontier Lab (Core)' });
    await referrals.getByLabel('Notes').fill('Asked after the poster session');
    await referrals.getByRole('button', { name: 'Record the ask' }).click();
    const row = referrals.getByRole('list', { name: 'Referrals' }).getByRole('listitem').filter({ hasText: 'Research Engineer at Example Frontier Lab' }).first();
    await row.locator('.tag').filter({ hasText: 'Asked (discussed)' }).waitFor();
    await referrals.getByText('You have asked them once').waitFor();
    await row.getByRole('button', { name: /^Mark given/ }).click();
    await row.locator('.tag').filter({ hasText: 'Given (submitted)' }).waitFor();
    const [referral] = (await http().get(`/referrals?personId=${ids.mary}`).set(auth).expect(200)).body.items;
    expect(referral).toMatchObject({ status: 'submitted', application: { id: ids.application }, notes: 'Asked after the poster session' });
    // Given, it suggests thanking them: the follow-up's form shows the new date.
    const thanks = (await http().get(`/people/${ids.mary}`).set(auth).expect(200)).body;
    expect(thanks.nextFollowUpReason).toMatch(/^Thank Mary Jackson/);
    await followUp.getByText(thanks.nextFollowUpReason).waitFor();
    await waitFor(async () => ((await followUp.getByLabel('Next follow-up').inputValue()) === thanks.nextFollowUpAt ? true : undefined));
    await dashboard.checkAccessibility('person');
    await dashboard.shoot('person');
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows a warm path to a person as a readable chain', async () => {
    await page.goto(`${baseUrl}/app/people/${ids.ada}`);
    const paths = section('Warm paths');
    await paths.getByText('you → Grace Hopper → Ada Lovelace').waitFor();
    await paths.getByText(/Planning with Learned Compilers \(2024\)/).waitFor();
    await paths.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    await section('Warm paths').getByText('you → Ada Lovelace → Grace Hopper').waitFor();
    expect(problems).toEqual([]);
  }, 30_000);

  it('previews a duplicate pair’s merge, then merges it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Review possible duplicates' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
    const group = section('Same email: katherine@example.org');
    await group.getByText('2 people look alike because they have the email “katherine@example.org”.').waitFor();
    // The first added is kept unless the user picks the other.
    expect(await group.getByLabel('Keep').inputValue()).toBe(ids.kate);
    await group.getByRole('button', { name: 'Preview the merge' }).click();
    const preview = page.getByRole('region', { name: 'Preview: Same email: katherine@example.org' });
    await preview.getByText('Nothing has changed yet.', { exact: false }).waitFor();
    await preview.getByText('katherine@example.org, kj@example.org').waitFor();
    await preview.getByText('nasa, orbits').waitFor();
    await preview.getByText('LinkedIn: https://www.linkedin.com/in/kathy-johnson').waitFor();
    await preview.getByTestId('merge-interactions').filter({ hasText: '3 (2 + 1 moved over)' }).waitFor();
    await preview.getByText('Name: keeps Katherine Johnson, drops Kathy Johnson').waitFor();
    // Only a preview: both are still there.
    await http().get(`/people/${ids.kate2}`).set(auth).expect(200);
    await dashboard.checkAccessibility('duplicates');
    await dashboard.shoot('duplicates');

    await preview.getByRole('button', { name: 'Merge Kathy Johnson into Katherine Johnson' }).click();
    await page.getByRole('status').filter({ hasText: 'Merged Kathy Johnson into Katherine Johnson' }).waitFor();
    await group.waitFor({ state: 'detached' });
    await http().get(`/people/${ids.kate2}`).set(auth).expect(404);
    const kate = (await http().get(`/people/${ids.kate}`).set(auth).expect(200)).body;
    expect(kate).toMatchObject({ emails: ['katherine@example.org', 'kj@example.org'], role: 'Mathematician', tags: ['nasa', 'orbits'] });
    expect((await http().get(`/people/${ids.kate}/interactions`).set(auth).expect(200)).body.total).toBe(3);
    expect(problems).toEqual([]);
  }, 60_000);

  it('archives a person and restores them, and erases one after their name is typed', async () => {
    // Archive, then undo from the notice on the list.
    await page.goto(`${baseUrl}/app/people/${ids.grace}`);
    await section('Archive or erase').getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Archived Grace Hopper' }).waitFor();
    await http().get(`/people/${ids.grace}`).set(auth).expect(404);
    await page.getByRole('button', { name: 'Undo: restore' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored Grace Hopper.' }).waitFor();
    await http().get(`/people/${ids.grace}`).set(auth).expect(200);
    // The archived people, each restorable from the list.
    await http().delete(`/people/${ids.ada}`).set(auth).expect(204);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await filters().getByLabel('Show').selectOption({ label: 'Archived people' });
    await page.getByRole('heading', { name: 'Archived people', level: 2 }).waitFor();
    await count(1).waitFor();
    await page.getByRole('button', { name: 'Restore Ada Lovelace' }).click();
    await page.getByText('No one is archived.').waitFor();
    await http().get(`/people/${ids.ada}`).set(auth).expect(200);

    // Erase: the dialog says what goes; the button waits for the name.
    await page.goto(`${baseUrl}/app/people/${ids.mary}`);
    await section('Archive or erase').getByRole('button', { name: 'Erase for good…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Mary Jackson for good?' });
    await dialog.getByText('This cannot be undone.').waitFor();
    await dialog.getByText('1 referral they made', { exact: false }).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Erase Mary Jackson' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type their full name/).fill('Mary');
    expect(await confirm.isDisabled()).toBe(true);
    await dashboard.checkAccessibility('person-erase');
    await dialog.getByLabel(/Type their full name/).fill('Mary Jackson');
    await confirm.click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/people');
    await page.getByRole('status').filter({ hasText: /Erased Mary Jackson for good, with .*1 referral they made/ }).waitFor();
    await http().get(`/people/${ids.mary}`).set(auth).expect(404);
    expect((await http().get('/people?deleted=include&q=mary').set(auth).expect(200)).body.total).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
