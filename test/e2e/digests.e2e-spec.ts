import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { DigestsService } from '#domain/digests/index';
import { QueueName } from '#domain/jobs/index';
import { MailService } from '#domain/mail/index';
import { dateIn, addDays } from '#domain/shared/dates';
import { WorksIngestService } from '#domain/works/index';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { workAuthor, workRecord } from '../support/work-records';

/**
 * The daily digest, read where it arrives: a real SMTP server in the test process takes what the
 * worker sends. The tick is run at chosen instants (the scheduler runs the same method every 15
 * minutes), so the hour is checked on the account's own wall clock.
 */
describe('the daily digest', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let digests: DigestsService;
  let mail: MailService;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ worker: true, env: { SMTP_URL: sink.url, MAIL_FROM: 'Dossier <dossier@example.test>', PUBLIC_URL: 'https://dossier.example/base' } });
    digests = t.worker!.get(DigestsService);
    mail = t.worker!.get(MailService);
    // The worker's schedule ticks at once and then every 15 minutes: the tests tick at their own instants instead.
    await digests.reconcileScheduler();
    const queue = t.worker!.get<Queue>(getQueueToken(QueueName.Digests), { strict: false });
    await queue.removeJobScheduler('digests');
    await waitFor(async () => (Object.values(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0) ? true : undefined));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const post = async (u: TestUser, url: string, body: object, status = 201) => (await t.http().post(url).set(u.auth).send(body).expect(status)).body;
  const account = async (timeZone: string, digestHour: number) => {
    const u = await registerUser(t);
    await t.http().patch('/me').set(u.auth).send({ timeZone }).expect(200);
    await mail.updateSettings(u.id, { digestHour });
    return u;
  };
  const mailsTo = (u: TestUser) => sink.to(u.email);
  const arrived = (u: TestUser, count: number) => waitFor(async () => (mailsTo(u).length >= count ? mailsTo(u) : undefined));
  /** Lets the worker deliver anything queued, so that "nothing arrived" is worth saying. */
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  /** The instant a zone with a fixed offset (like Tokyo's) shows `date` at `time`. */
  const at = (date: string, time: string, offset: string) => new Date(`${date}T${time}:00${offset}`);
  const html = (m: ParsedMail) => (typeof m.html === 'string' ? m.html : '');
  /** The List-Unsubscribe link (mailparser gathers the List-* headers under `list`). */
  const unsubscribeLink = (m: ParsedMail) => (m.headers.get('list') as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url ?? '';

  it("lists each section for a seeded account, on its wall clock, once a day from its hour on, with links to the dashboard", async () => {
    const u = await account('Asia/Tokyo', 23);
    const today = dateIn('Asia/Tokyo', new Date());
    const person = async (fullName: string) => (await post(u, '/people', { fullName })).id as string;
    const ada = await person('Ada <b>Lovelace</b>');
    const edsger = await person('Edsger Dijkstra');
    const grace = await person('Grace Hopper');
    await t.http().put(`/people/${ada}/follow-up`).set(u.auth).send({ nextFollowUpAt: addDays(today, -3) }).expect(200);
    await t.http().put(`/people/${grace}/follow-up`).set(u.auth).send({ nextFollowUpAt: addDays(today, 5) }).expect(200);
    await post(u, '/tasks', { title: 'Send the thank-you note', dueOn: today });
    await post(u, '/tasks', { title: 'Not yet', dueOn: addDays(today, 4) });
    const org = await post(u, '/organizations', { name: 'Deep Lab' });
    const application = await post(u, '/applications', { organizationId: org.id, role: 'Research Scientist', builtInTemplate: 'research-engineer' });
    const stageId = application.stages[0].id as string;
    // Two days after the first digest below: coming up for it and for the next day's.
    const interview = await post(u, '/interviews', { stageId, startsAt: new Date(at(today, '23:05', '+09:00').getTime() + 48 * 3_600_000).toISOString(), timeZone: 'Europe/London', durationMinutes: 45, format: 'video', interviewerIds: [ada, edsger] });
    await post(u, '/referrals', { applicationId: application.id, referrerId: grace, status: 'submitted', on: addDays(today, -4) });
    await t.db.query("INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by) VALUES ($1, $2, 'openalex', 'DG1', 'x', 'linked', 'user')", [u.id, edsger]);
    await t.db.query(
      "INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by, sync_state, broken_reason) VALUES ($1, $2, 'dblp', 'gone/1', 'x', 'linked', 'user', 'broken', 'The source answered 404 for this author')",
      [u.id, grace],
    );
    await t.worker!.get(WorksIngestService).ingest([workRecord({ source: 'openalex', sourceId: 'WDG1', title: 'Shortest Paths Revisited', year: 2026, venue: 'STOC', doi: '10.1/spr', authors: [workAuthor(1, 'E. W. Dijkstra', 'DG1')] })]);

    // 22:30 in Tokyo: the hour (23) has not come.
    await digests.tick(at(today, '22:30', '+09:00'));
    await settle();
    expect(mailsTo(u)).toEqual([]);

    // 23:05 in Tokyo: it has.
    await digests.tick(at(today, '23:05', '+09:00'));
    const [digest] = await arrived(u, 1);
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${today}T12:00:00Z`)).replace(',', '');
    // The tasks due are Today's (the application's prep tasks too, dated by the interview).
    const tasksDue = (await t.http().get(`/tasks/due?by=${today}`).set(u.auth).expect(200)).body.total as number;
    expect(digest.subject).toBe(`Dossier, ${day}: 1 interview, 1 follow-up, ${tasksDue} task${tasksDue === 1 ? '' : 's'}, 1 new work, 1 referral, 1 sync problem`);
    const text = digest.text ?? '';
    expect(text).toContain('Times are in Asia/Tokyo.');
    expect(text).toContain(`- Ada <b>Lovelace</b>: 3 days overdue\n  https://dossier.example/base/app/people/${ada}`);
    expect(text).not.toContain('Grace Hopper: ');
    expect(text).toContain('- Send the thank-you note: due today');
    expect(text).not.toContain('Not yet');
    const startsAt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(new Date(interview.startsAt));
    // The interview carries its readiness, the figure Today and the briefing show.
    const readiness = (await t.http().get(`/interviews/${interview.id}/readiness`).set(u.auth).expect(200)).body.figure as number;
    expect(typeof readiness).toBe('number');
    expect(text).toContain(`- ${startsAt}: Deep Lab, Research Scientist (${application.stages[0].name}) with Ada <b>Lovelace</b>, Edsger Dijkstra\n  Readiness ${readiness} of 100\n  https://dossier.example/base/app/interviews/${interview.id}`);
    expect(text).toContain('- Shortest Paths Revisited (STOC, 2026)\n  by Edsger Dijkstra\n  https://doi.org/10.1/spr');
    expect(text).toContain(`- Grace Hopper for Deep Lab, Research Scientist: submitted since`);
    expect(text).toContain('(4 days)');
    expect(text).toContain('- Grace Hopper at DBLP: the source refused the profile\n  The source answered 404 for this author');
    // The HTML part says the same, escaped; the mail module adds the one-click unsubscribe.
    expect(html(digest)).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;: 3 days overdue');
    expect(html(digest)).not.toContain('<b>Lovelace');
    expect(html(digest)).toContain(`href="https://dossier.example/base/app/interviews/${interview.id}"`);
    expect(unsubscribeLink(digest)).toContain('https://dossier.example/base/mail/unsubscribe?token=');

    // Later the same evening, and after midnight UTC: still the same local day, nothing more.
    expect((await digests.tick(at(today, '23:50', '+09:00'))).sent).toBe(0);
    await settle();
    expect(mailsTo(u)).toHaveLength(1);

    // The next day: the overdue items again, and only the works new since the last digest.
    await t.worker!.get(WorksIngestService).ingest([workRecord({ source: 'openalex', sourceId: 'WDG2', title: 'A Second Note', year: 2026, authors: [workAuthor(1, 'E. W. Dijkstra', 'DG1')] })]);
    await digests.tick(at(addDays(today, 1), '23:01', '+09:00'));
    const second = (await arrived(u, 2))[1];
    expect(second.text).toContain('- Ada <b>Lovelace</b>: 4 days overdue');
    expect(second.text).toContain('A Second Note');
    expect(second.text).not.toContain('Shortest Paths Revisited');
  });

  it("composes several accounts together, each with its own rows and its owners' names (people in the trash, closed applications)", async () => {
    const now = new Date();
    const seed = async (tag: string) => {
      const u = await account('UTC', 0);
      const today = dateIn('UTC', now);
      const person = async (fullName: string) => (await post(u, '/people', { fullName })).id as string;
      const [ann, bob, cat, dan] = [await person(`Ann ${tag}`), await person(`Bob ${tag}`), await person(`Cat ${tag}`), await person(`Dan ${tag}`)];
      const org = await post(u, '/organizations', { name: `Lab ${tag}` });
      const active = await post(u, '/applications', { organizationId: org.id, role: `Scientist ${tag}`, builtInTemplate: 'research-engineer' });
      const closed = await post(u, '/applications', { organizationId: org.id, role: `Engineer ${tag}`, builtInTemplate: 'research-engineer' });
      await post(u, '/tasks', { title: `Prepare ${tag}`, dueOn: today, applicationId: active.id });
      await post(u, '/tasks', { title: `Write to Dan ${tag}`, dueOn: today, personId: dan });
      await post(u, '/interviews', { stageId: active.stages[0].id, startsAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(), timeZone: 'UTC', durationMinutes: 30, format: 'video', interviewerIds: [bob, ann] });
      await post(u, '/referrals', { applicationId: active.id, referrerId: cat, status: 'submitted', on: addDays(today, -2) });
      await post(u, '/referrals', { applicationId: closed.id, referrerId: cat, status: 'submitted', on: addDays(today, -3) });
      await t.http().post(`/applications/${closed.id}/moves`).set(u.auth).send({ move: 'withdraw' }).expect(200);
      for (const [personId, id] of [[cat, `cat/${tag}`], [bob, `bob/${tag}`]])
        await t.db.query(
          "INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by, sync_state, broken_reason) VALUES ($1, $2, 'dblp', $3, 'x', 'linked', 'user', 'broken', 'Gone')",
          [u.id, personId, id],
        );
      // In the trash: left off the panel and the sync problems, still named on the task about them.
      await t.http().delete(`/people/${bob}`).set(u.auth).expect(204);
      await t.http().delete(`/people/${dan}`).set(u.auth).expect(204);
      return { u, today, stage: active.stages[0].name as string };
    };
    const accounts = [await seed('One'), await seed('Two')];
    const claims = accounts.map((a) => ({ userId: a.u.id, localDate: a.today, timeZone: 'UTC' }));
    // Each section reads its owner's rows for all the accounts at once, then the names on them:
    // as many statements for two accounts as for one.
    const statements = jest.spyOn(t.worker!.get(DataSource).manager, 'query');
    await digests.compose(claims.slice(0, 1), now);
    const forOne = statements.mock.calls.length;
    expect(forOne).toBeGreaterThan(0);
    statements.mockClear();
    const contents = await digests.compose(claims, now);
    expect(statements.mock.calls.length).toBe(forOne);
    statements.mockRestore();
    for (const [i, tag] of ['One', 'Two'].entries()) {
      const content = contents[i];
      expect(content.userId).toBe(accounts[i].u.id);
      expect(content.interviews.items.map((x) => ({ organization: x.organization, role: x.role, stage: x.stage, interviewers: x.interviewers }))).toEqual([
        { organization: `Lab ${tag}`, role: `Scientist ${tag}`, stage: accounts[i].stage, interviewers: [`Ann ${tag}`] },
      ]);
      expect(content.tasks.items.find((x) => x.title === `Write to Dan ${tag}`)?.about).toBe(`Dan ${tag}`);
      expect(content.tasks.items.find((x) => x.title === `Prepare ${tag}`)?.about).toBe(`Lab ${tag} · Scientist ${tag}`);
      expect(content.brokenSyncs).toEqual({ total: 1, items: [expect.objectContaining({ kind: 'broken', fullName: `Cat ${tag}`, source: 'dblp', message: 'Gone' })] });
      expect(content.referrals).toEqual({ total: 1, items: [expect.objectContaining({ referrerName: `Cat ${tag}`, organization: `Lab ${tag}`, role: `Scientist ${tag}`, status: 'submitted' })] });
    }
  });

  it('sends nothing on a day with nothing in it', async () => {
    const u = await account('UTC', 0);
    const today = dateIn('UTC', new Date());
    await post(u, '/tasks', { title: 'Next week', dueOn: addDays(today, 7) });
    const result = await digests.tick(at(today, '00:30', 'Z'));
    expect(result.empty).toBeGreaterThanOrEqual(1);
    await settle();
    expect(mailsTo(u)).toEqual([]);
    // A week on, the task is due: that day has something in it.
    await digests.tick(at(addDays(today, 7), '00:30', 'Z'));
    const [digest] = await arrived(u, 1);
    expect(digest.text).toContain('- Next week: due today');
  });

  it("honours the digest's one-click unsubscribe, and only for the digest", async () => {
    const u = await account('UTC', 6);
    const today = dateIn('UTC', new Date());
    await post(u, '/tasks', { title: 'Overdue forever', dueOn: addDays(today, -1) });
    await digests.tick(at(today, '06:10', 'Z'));
    const [digest] = await arrived(u, 1);
    // RFC 8058: the mail client POSTs to the link, without signing in (PUBLIC_URL's path prefix is the proxy's).
    const path = unsubscribeLink(digest).slice('https://dossier.example/base'.length);
    await t.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await t.http().get('/me/mail-settings').set(u.auth).expect(200)).body.kinds).toEqual({ digest: false, briefing: true, account: true });
    await digests.tick(at(addDays(today, 1), '06:10', 'Z'));
    await settle();
    expect(mailsTo(u)).toHaveLength(1);
  });

  it("keeps the hour on the account's wall clock, across a DST change", async () => {
    // New York, digest at 7: 11:00 UTC in summer (EDT), 12:00 UTC in winter (EST).
    const u = await account('America/New_York', 7);
    await post(u, '/tasks', { title: 'An old task', dueOn: '2026-01-02' });
    await digests.tick(new Date('2026-07-01T10:30:00Z'));
    await digests.tick(new Date('2027-01-05T11:30:00Z'));
    await settle();
    expect(mailsTo(u)).toEqual([]);
    await digests.tick(new Date('2026-07-01T11:05:00Z'));
    await arrived(u, 1);
    await digests.tick(new Date('2027-01-05T12:05:00Z'));
    await arrived(u, 2);

    // The night clocks go back (1 Nov 2026, 01:00–02:00 happens twice): a 1 o'clock digest leaves once.
    const night = await account('America/New_York', 1);
    await post(night, '/tasks', { title: 'An old task', dueOn: '2026-01-02' });
    await digests.tick(new Date('2026-11-01T05:30:00Z')); // 01:30 EDT
    await digests.tick(new Date('2026-11-01T06:30:00Z')); // 01:30 EST, the same local day
    await settle();
    expect(mailsTo(night)).toHaveLength(1);
    expect(mailsTo(night)[0].subject).toContain('Sun 1 Nov 2026');
  });
});
