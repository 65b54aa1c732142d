import type { ParsedMail } from 'mailparser';
import { generateSync } from 'otplib';
import { BriefingMailService, MailService } from '#domain/mail/index';
import { seedInterviewScene, Scene } from '../support/briefing-scene';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Mail through a real SMTP server in the test process: account notices arrive with a text and an
 * HTML part and a one-click unsubscribe (RFC 8058) honoured for that kind only; a refusal for now is
 * retried, a refusal for good is in the user's log; without SMTP_URL nothing is sent and the settings
 * say why.
 */
const PASSWORD = 'a long enough password';

interface LogEntry {
  kind: string;
  to: string;
  subject: string | null;
  status: string;
  attempts: number;
  error: string | null;
  sentAt: string | null;
}

/** A header as it was sent (mailparser reads List-* headers into another shape). */
function header(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
}

describe('mail', () => {
  const smtp = new SmtpSink();
  let t: TestApp;

  const mailLog = async (u: TestUser): Promise<LogEntry[]> => (await t.http().get('/me/mail-log').set(u.auth).expect(200)).body.items as LogEntry[];
  const arrived = (address: string, count = 1): Promise<ParsedMail[]> => waitFor(async () => (smtp.to(address).length >= count ? smtp.to(address) : undefined));
  const changePassword = (u: TestUser, from = PASSWORD, to = 'another long password') => t.http().post('/me/password').set(u.auth).send({ currentPassword: from, newPassword: to }).expect(204);

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ worker: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Dossier <dossier@example.org>', MAIL_RETRY_DELAY_MS: '50', PUBLIC_URL: 'https://dossier.example.org' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => (smtp.refuse = () => null));

  it('has settings with defaults, changes them, and refuses bad values naming the field', async () => {
    const user = await registerUser(t);
    const settings = (await t.http().get('/me/mail-settings').set(user.auth).expect(200)).body;
    expect(settings).toMatchObject({
      server: { enabled: true, reason: null, from: 'Dossier <dossier@example.org>' },
      address: user.email,
      addressIsAccountEmail: true,
      timeZone: 'UTC',
      kinds: { digest: true, briefing: true, account: true },
      digestHour: 7,
      briefingLeadHours: 24,
      failures: { count: 0, latest: null },
    });
    const changed = (await t.http().patch('/me/mail-settings').set(user.auth).send({ address: 'Me@Elsewhere.example', kinds: { digest: false }, digestHour: 18, briefingLeadHours: 3 }).expect(200)).body;
    expect(changed).toMatchObject({ address: 'me@elsewhere.example', addressIsAccountEmail: false, kinds: { digest: false, briefing: true, account: true }, digestHour: 18, briefingLeadHours: 3 });
    const back = (await t.http().patch('/me/mail-settings').set(user.auth).send({ address: null }).expect(200)).body;
    expect(back).toMatchObject({ address: user.email, addressIsAccountEmail: true, digestHour: 18 });

    for (const [body, field] of [
      [{ address: 'not an address' }, 'address'],
      [{ digestHour: 24 }, 'digestHour'],
      [{ briefingLeadHours: 0 }, 'briefingLeadHours'],
      [{ kinds: { digest: 'yes' } }, 'kinds.digest'],
    ] as const) {
      const res = await t.http().patch('/me/mail-settings').set(user.auth).send(body).expect(400);
      expect(JSON.stringify(res.body.details)).toContain(field);
    }
    await t.http().get('/me/mail-settings').expect(401);

    // What the digest schedules from: every account with it on, at its hour in its zone.
    const recipients = await t.app.get(MailService).digestRecipients();
    expect(recipients.find((r) => r.userId === user.id)).toBeUndefined();
    await t.http().patch('/me/mail-settings').set(user.auth).send({ kinds: { digest: true } }).expect(200);
    expect((await t.app.get(MailService).digestRecipients()).find((r) => r.userId === user.id)).toEqual({ userId: user.id, timeZone: 'UTC', digestHour: 18 });
  });

  it('mails a password change with a text and an HTML part and a one-click unsubscribe, and logs it without its body', async () => {
    const user = await registerUser(t);
    await changePassword(user);
    const [mail] = await arrived(user.email);
    expect(mail.subject).toBe('Your Dossier password was changed');
    expect(mail.from?.text).toBe('"Dossier" <dossier@example.org>');
    expect(mail.text).toContain('Your password was changed');
    expect(mail.html).toContain('<h1');
    expect(mail.html).toContain('Stop these mails');
    const unsubscribe = header(mail, 'list-unsubscribe');
    expect(unsubscribe).toMatch(/^<https:\/\/dossier\.example\.org\/mail\/unsubscribe\?token=u1\.[^>]+>$/);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(unsubscribe.slice(1, -1));

    const log = await waitFor(async () => ((await mailLog(user))[0]?.status === 'sent' ? mailLog(user) : undefined));
    expect(log).toEqual([expect.objectContaining({ kind: 'account', to: user.email, subject: 'Your Dossier password was changed', status: 'sent', attempts: 1, error: null })]);
    expect(JSON.stringify(log)).not.toContain('Your password was changed');

    // In the account export (no body there either), and back in an account restored from it.
    await t.http().patch('/me/mail-settings').set(user.auth).send({ kinds: { digest: false }, digestHour: 6, briefingLeadHours: 12 }).expect(200);
    const exported = (await t.http().get('/export').set(user.auth).expect(200)).body;
    expect(exported.account.mail).toEqual({ address: null, kinds: { digest: false, briefing: true, account: true }, digestHour: 6, briefingLeadHours: 12 });
    expect(exported.mailLog).toEqual([expect.objectContaining({ kind: 'account', toAddress: user.email, subject: 'Your Dossier password was changed', status: 'sent', attempts: 1 })]);
    expect(JSON.stringify(exported.mailLog)).not.toContain('Your password was changed');
    const target = await registerUser(t);
    await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    const again = (await t.http().get('/export').set(target.auth).expect(200)).body;
    expect(again.account.mail).toEqual(exported.account.mail);
    expect(again.mailLog.map(({ id: _id, ...e }: { id: string }) => e)).toEqual(exported.mailLog.map(({ id: _id, ...e }: { id: string }) => e));
  });

  it('honours the one-click unsubscribe for that kind only; opening the link changes nothing', async () => {
    const user = await registerUser(t);
    await changePassword(user);
    const [mail] = await arrived(user.email);
    const link = new URL(header(mail, 'list-unsubscribe').slice(1, -1));
    const path = `${link.pathname}${link.search}`;

    const page = await t.http().get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('account notices');
    expect((await t.http().get('/me/mail-settings').set(user.auth).expect(200)).body.kinds.account).toBe(true);

    // A tampered token (another kind, or cut short) is refused, naming the field.
    const tampered = path.replace('.account.', '.digest.');
    expect((await t.http().post(tampered).type('form').send('List-Unsubscribe=One-Click').expect(400)).body.code).toBe('mail.unsubscribe-token-invalid');
    expect((await t.http().get(path.slice(0, -5)).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'token' })]);

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, without signing in.
    const done = await t.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(done.text).toContain('will not mail you');
    expect((await t.http().get('/me/mail-settings').set(user.auth).expect(200)).body.kinds).toEqual({ digest: true, briefing: true, account: false });

    await changePassword(user, 'another long password', 'a third long password');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(await mailLog(user)).toHaveLength(1);
    // Some mail clients post the one-click form as multipart.
    await t.http().post(path).field('List-Unsubscribe', 'One-Click').expect(200);
  });

  it('retries a mail the server refused for now, and shows one refused for good in the log and the settings', async () => {
    const user = await registerUser(t);
    smtp.refuse = (to, attempt) => (to === user.email && attempt === 1 ? { code: 451, message: '4.3.0 try again later' } : null);
    await changePassword(user);
    await arrived(user.email);
    const [sent] = await waitFor(async () => ((await mailLog(user))[0]?.status === 'sent' ? mailLog(user) : undefined));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(smtp.attempts.get(user.email)).toBe(2);

    const other = await registerUser(t);
    smtp.refuse = (to) => (to === other.email ? { code: 550, message: '5.1.1 mailbox unavailable' } : null);
    await changePassword(other);
    const [failed] = await waitFor(async () => ((await mailLog(other))[0]?.status === 'failed' ? mailLog(other) : undefined));
    // Each account reads its own log only.
    expect((await mailLog(user)).map((e) => e.to)).toEqual([user.email]);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(failed.error).toContain('550');
    expect(smtp.attempts.get(other.email)).toBe(1);
    const settings = (await t.http().get('/me/mail-settings').set(other.auth).expect(200)).body;
    expect(settings.failures).toMatchObject({ count: 1, latest: { status: 'failed', subject: 'Your Dossier password was changed' } });
    expect((await t.http().get('/me/mail-log?status=failed').set(other.auth).expect(200)).body.total).toBe(1);
  });

  it('mails a sign-in from a new place once, and two-factor turned on and off', async () => {
    const user = await registerUser(t);
    const login = (agent: string, code?: string) => t.http().post('/auth/login').set('user-agent', agent).send({ email: user.email, password: PASSWORD, ...(code ? { code } : {}) }).expect(200);
    await login('Firefox/128.0 (Linux)');
    await login('Firefox/129.0 (Linux)');
    const [signIn] = await arrived(user.email);
    expect(signIn.subject).toBe('New sign-in to Dossier');
    expect(signIn.text).toContain('Firefox/128.0 (Linux)');

    const begun = await t.http().post('/me/two-factor').set(user.auth).send({ password: PASSWORD }).expect(201);
    await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: generateSync({ secret: begun.body.secret }) }).expect(200);
    await arrived(user.email, 2);
    // The next period's code: the one that confirmed is spent.
    await t.http().delete('/me/two-factor').set(user.auth).send({ password: PASSWORD, code: generateSync({ secret: begun.body.secret, epoch: Math.floor(Date.now() / 1000) + 30 }) }).expect(204);
    const mails = await arrived(user.email, 3);
    expect(mails.map((m) => m.subject)).toEqual(['New sign-in to Dossier', 'Two-factor sign-in is on', 'Two-factor sign-in is off']);
  });

  it('mails an invitation to the address it names', async () => {
    const admin = await registerUser(t);
    await t.db.query("UPDATE users SET role = 'admin' WHERE id = $1", [admin.id]);
    const created = (await t.http().post('/admin/invitations').set(admin.auth).send({ email: 'invitee@example.org' }).expect(201)).body;
    const [mail] = await arrived('invitee@example.org');
    expect(mail.subject).toBe('Your invitation to Dossier');
    expect(mail.text).toContain(created.url);
    expect(header(mail, 'list-unsubscribe')).toBe('');
  });
});

describe('mail without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
  });
  afterAll(() => t.close());

  it('sends nothing and the settings say why', async () => {
    const user = await registerUser(t);
    const settings = (await t.http().get('/me/mail-settings').set(user.auth).expect(200)).body;
    expect(settings.server).toEqual({ enabled: false, reason: 'mail is off: the server has no SMTP_URL', from: null });
    await t.http().post('/me/password').set(user.auth).send({ currentPassword: PASSWORD, newPassword: 'another long password' }).expect(204);
    expect((await t.http().get('/me/mail-log').set(user.auth).expect(200)).body).toMatchObject({ items: [], total: 0 });
  });
});

describe('briefing mail', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let user: TestUser;
  let scene: Scene;

  const tick = () => t.worker!.get(BriefingMailService).sendDue();
  const briefingReady = (interviewId: string, version: number) =>
    waitFor(async () => {
      const items = (await t.http().get(`/interviews/${interviewId}/briefings`).set(user.auth).expect(200)).body.items as { version: number; status: string }[];
      return items.find((b) => b.version === version && b.status === 'ready');
    }, 60_000);

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ worker: true, env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '50' } });
    user = await registerUser(t);
    scene = await seedInterviewScene(t, user);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('mails the briefing with its PDF the lead time before the interview, once, and again when the interview moves', async () => {
    await t.http().patch('/me/mail-settings').set(user.auth).send({ briefingLeadHours: 3 }).expect(200);
    const startsAt = new Date(Date.now() + 2 * 3600_000);
    startsAt.setUTCSeconds(0, 0);
    const interviewId = await scene.scheduleInterview(startsAt.toISOString());
    // Inside the lead time, no briefing made for this start yet: one is asked for, and mailed on a later tick.
    expect(await tick()).toEqual({ sent: 0, waiting: 1 });
    await briefingReady(interviewId, 1);
    expect(await tick()).toEqual({ sent: 1, waiting: 0 });
    const [mail] = await waitFor(async () => (smtp.to(user.email).length ? smtp.to(user.email) : undefined), 60_000);
    expect(mail.subject).toMatch(/^Briefing: Team lead interview at .+, .+2026/);
    expect(mail.html).toContain('Ada Lovelace');
    expect(mail.text).toContain('### Ada Lovelace');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(mail.attachments[0].filename).toMatch(/^briefing-team-lead-interview-.+-v1\.pdf$/);
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(header(mail, 'list-unsubscribe')).toContain('.briefing.');

    // Sent once per start time.
    expect(await tick()).toEqual({ sent: 0, waiting: 0 });
    // Moved: a briefing for the new start, then the mail again.
    const moved = new Date(startsAt.getTime() + 30 * 60_000);
    await t.http().patch(`/interviews/${interviewId}`).set(user.auth).send({ startsAt: moved.toISOString() }).expect(200);
    expect(await tick()).toEqual({ sent: 0, waiting: 1 });
    await briefingReady(interviewId, 2);
    expect(await tick()).toEqual({ sent: 1, waiting: 0 });
    const mails = await waitFor(async () => (smtp.to(user.email).length === 2 ? smtp.to(user.email) : undefined), 60_000);
    expect(mails[1].attachments[0].filename).toMatch(/-v2\.pdf$/);
    expect(mails[1].subject).not.toBe(mails[0].subject);
    const log = (await t.http().get('/me/mail-log?kind=briefing').set(user.auth).expect(200)).body;
    expect(log.total).toBe(2);
    expect(await tick()).toEqual({ sent: 0, waiting: 0 });

    // Turned off: an interview coming up is not mailed.
    await t.http().patch('/me/mail-settings').set(user.auth).send({ kinds: { briefing: false } }).expect(200);
    await scene.scheduleInterview(new Date(Date.now() + 3600_000).toISOString());
    expect(await tick()).toEqual({ sent: 0, waiting: 0 });
  }, 180_000);
});
