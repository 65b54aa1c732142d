import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, NotFoundError, publicLink, SECRET_KEYRING, SecretKeyring } from '#platform';
import { DossierJobs, JobName, MAIL_ATTEMPTS } from '../jobs/index';
import type { Page } from '../people/index';
import { escapeHtml } from '../shared/html';
import { MailLogEntry } from './mail-log.entity';
import { MailSettingsRow } from './mail-settings.entity';
import { InvalidUnsubscribeTokenError, MailNotSentError } from './mail.errors';
import { MailRepository } from './mail.repository';
import { MailTransport, SmtpMessage } from './mail-transport';
import { DEFAULT_BRIEFING_LEAD_HOURS, DEFAULT_DIGEST_HOUR, MAIL_KINDS, MailKind, MailSettings, MailStatus, OutgoingMail } from './mail.types';

const UNSUBSCRIBE = 'mail-unsubscribe';
const TOKEN_FORMAT = 'u1';
const WEEK_MS = 7 * 86_400_000;

/** What each kind is, in the footer of its mails and on the unsubscribe page. */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  digest: 'the daily digest',
  briefing: 'interview briefings',
  account: 'account notices (password and two-factor changes, sign-ins from a new place)',
};

/** Whether the server sends mail, and why not. */
export interface MailServerStatus {
  enabled: boolean;
  /** Why no mail is sent; null when it is. */
  reason: string | null;
  /** The sender of every mail; null when mail is off. */
  from: string | null;
}

export interface MailSettingsPatch {
  address?: string | null;
  kinds?: Partial<Record<MailKind, boolean>>;
  digestHour?: number;
  briefingLeadHours?: number;
}

/** The mail as sealed into its job: what the SMTP server receives, attachments in base64. */
type SealedMail = Omit<SmtpMessage, 'attachments'> & { attachments: { filename: string; contentType: string; content: string }[] };

/**
 * Mail for other modules: `send` checks the account's setting for the kind, records the log row and
 * queues the job; the worker's `deliver` hands it to the SMTP server. Without SMTP_URL nothing is
 * queued or recorded. The log keeps when, what kind, to whom, the subject and how it went; never the body.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
    private readonly jobs: JobQueue<DossierJobs>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_KEYRING) private readonly keyring: SecretKeyring,
  ) {}

  status(): MailServerStatus {
    if (!this.transport.enabled) return { enabled: false, reason: 'mail is off: the server has no SMTP_URL', from: null };
    return { enabled: true, reason: null, from: this.config.mail.from };
  }

  /**
   * Queues a mail for the account. Null when nothing is sent: mail is off on the server, or the
   * account turned the kind off (or unsubscribed from it). With a `dedupeKey` seen before, the
   * earlier mail's log row is answered and nothing is sent again. A mail `to` someone else (an
   * invitation) is not the account's to turn off, and carries no unsubscribe link.
   */
  async send(userId: string, mail: OutgoingMail): Promise<MailLogEntry | null> {
    if (!this.transport.enabled) return null;
    const [settings] = await this.mailSettings([userId]);
    if (!settings) throw new NotFoundError('user', userId);
    const own = mail.to === undefined;
    if (own && !settings.kinds[mail.kind]) return null;
    const to = mail.to ?? settings.address;
    const dedupeKey = mail.dedupeKey ?? null;
    const row = await this.repository.insertLog({ userId, kind: mail.kind, toAddress: to, subject: mail.subject, status: 'queued', dedupeKey });
    if (!row) return this.repository.findByDedupeKey(userId, dedupeKey!);

    const unsubscribe = own ? this.unsubscribeUrl(userId, mail.kind) : null;
    const sealed: SealedMail = {
      to,
      subject: mail.subject,
      text: unsubscribe ? `${mail.text.trimEnd()}\n\n-- \nYou get this because ${MAIL_KIND_LABELS[mail.kind]} mail is on in Dossier.\nStop these mails: ${unsubscribe}\nAll mail settings: ${publicLink(this.config, '/app/settings')}\n` : mail.text,
      html: unsubscribe ? withFooter(mail.html, mail.kind, unsubscribe, publicLink(this.config, '/app/settings')) : mail.html,
      // RFC 8058: a mail client's own "unsubscribe" button POSTs to the link, no page in between.
      headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('base64') })),
    };
    try {
      await this.jobs.enqueue({ name: JobName.SendMail, data: { mailId: row.id, sealed: this.keyring.seal(JSON.stringify(sealed), sealContext(row.id)) } });
    } catch (e) {
      await this.repository.updateLog(row.id, { status: 'failed', error: `could not be queued: ${(e as Error).message}` });
      throw e;
    }
    return row;
  }

  /**
   * The worker's half: hands one mail to the SMTP server and records how it went. Throws
   * MailNotSentError when the server did not take it; `final` says whether it is tried again.
   */
  async deliver(mailId: string, sealed: string, attempt: number, attempts = MAIL_ATTEMPTS): Promise<MailStatus | 'gone'> {
    const row = await this.repository.findLog(mailId);
    if (!row) return 'gone';
    if (row.status === 'sent' || row.status === 'failed') return row.status;
    const opened = this.keyring.open(sealed, sealContext(mailId));
    if (opened === null) {
      await this.repository.updateLog(mailId, { status: 'failed', attempts: attempt, error: 'the queued mail could not be read (sealed with another server key)' });
      throw new MailNotSentError('the queued mail could not be read', true);
    }
    const mail = JSON.parse(opened) as SealedMail;
    try {
      await this.transport.send({ ...mail, attachments: mail.attachments.map((a) => ({ ...a, content: Buffer.from(a.content, 'base64') })) });
    } catch (e) {
      const failure = MailTransport.failure(e);
      const final = failure.final || attempt >= attempts;
      await this.repository.updateLog(mailId, { status: final ? 'failed' : 'retrying', attempts: attempt, error: failure.message });
      if (final) this.logger.warn(`mail ${mailId} (${row.kind}) not sent after ${attempt} attempt(s): ${failure.message}`);
      throw new MailNotSentError(failure.message, final);
    }
    await this.repository.updateLog(mailId, { status: 'sent', attempts: attempt, error: null, sentAt: new Date() });
    return 'sent';
  }

  /**
   * The settings in force for each account (defaults filled in; unknown ids left out), in one
   * read: for the modules that send (the digest schedules from `digestHour` in `timeZone`).
   */
  async mailSettings(userIds: string[]): Promise<MailSettings[]> {
    const ids = [...new Set(userIds)];
    const [contacts, rows] = await Promise.all([this.repository.contacts(ids), this.repository.settingsOf(ids)]);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    return contacts.map((c) => settingsOf(c, byUser.get(c.userId)));
  }

  /**
   * Every account with the digest on (and not disabled), with its time zone and digest hour, in two
   * reads whatever the number of accounts: what the digest's tick schedules from. Empty when the
   * server sends no mail.
   */
  async digestRecipients(): Promise<{ userId: string; timeZone: string; digestHour: number }[]> {
    if (!this.transport.enabled) return [];
    const [accounts, choices] = await Promise.all([this.repository.activeAccounts(), this.repository.digestChoices()]);
    return accounts.flatMap((a) => {
      const choice = choices.get(a.userId);
      return choice && !choice.on ? [] : [{ userId: a.userId, timeZone: a.timeZone, digestHour: choice?.hour ?? DEFAULT_DIGEST_HOUR }];
    });
  }

  async getSettings(userId: string): Promise<MailSettings> {
    const [settings] = await this.mailSettings([userId]);
    if (!settings) throw new NotFoundError('user', userId);
    return settings;
  }

  /** Changes what is given; `address: null` goes back to the account's email. */
  async updateSettings(userId: string, patch: MailSettingsPatch): Promise<MailSettings> {
    const row: Partial<MailSettingsRow> = {};
    if (patch.address !== undefined) row.address = patch.address === null ? null : patch.address.trim().toLowerCase();
    if (patch.kinds?.digest !== undefined) row.digestOn = patch.kinds.digest;
    if (patch.kinds?.briefing !== undefined) row.briefingOn = patch.kinds.briefing;
    if (patch.kinds?.account !== undefined) row.accountOn = patch.kinds.account;
    if (patch.digestHour !== undefined) row.digestHour = patch.digestHour;
    if (patch.briefingLeadHours !== undefined) row.briefingLeadHours = patch.briefingLeadHours;
    await this.repository.saveSettings(userId, row);
    return this.getSettings(userId);
  }

  async log(userId: string, query: { limit?: number; offset?: number; status?: MailStatus; kind?: MailKind } = {}): Promise<Page<MailLogEntry>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.repository.pageLog(userId, { status: query.status, kind: query.kind }, limit, offset);
    return { items, total, limit, offset };
  }

  /** Mail that failed for good in the last week: how many, and the latest (what the settings and Today show). */
  failures(userId: string, now = new Date()): Promise<{ count: number; latest: MailLogEntry | null }> {
    return this.repository.failedSince(userId, new Date(now.getTime() - WEEK_MS));
  }

  /** Which of the keys each account's log already holds, as `<userId> <key>`: for a sender's batched check. */
  sentKeys(userIds: string[], keys: string[]): Promise<Set<string>> {
    return this.repository.loggedKeys(userIds, keys);
  }

  /** The link in every mail of the kind that turns it off for the account, without signing in. */
  unsubscribeUrl(userId: string, kind: MailKind): string {
    const value = `${userId}.${kind}`;
    return publicLink(this.config, `/mail/unsubscribe?token=${TOKEN_FORMAT}.${value}.${this.keyring.sign(UNSUBSCRIBE, value)}`);
  }

  /** Reads an unsubscribe token: the account and kind it turns off. */
  readUnsubscribeToken(token: string): { userId: string; kind: MailKind } {
    const [format, userId, kind, signature, ...rest] = token.split('.');
    if (format !== TOKEN_FORMAT || !userId || !kind || !signature || rest.length || !(MAIL_KINDS as readonly string[]).includes(kind)) throw new InvalidUnsubscribeTokenError();
    if (!this.keyring.verify(UNSUBSCRIBE, `${userId}.${kind}`, signature)) throw new InvalidUnsubscribeTokenError();
    return { userId, kind: kind as MailKind };
  }

  /** Turns the token's kind off for its account (and that kind only). */
  async unsubscribe(token: string): Promise<{ kind: MailKind; label: string }> {
    const { userId, kind } = this.readUnsubscribeToken(token);
    if (!(await this.mailSettings([userId])).length) throw new InvalidUnsubscribeTokenError();
    await this.updateSettings(userId, { kinds: { [kind]: false } });
    return { kind, label: MAIL_KIND_LABELS[kind] };
  }
}

function sealContext(mailId: string): string {
  return `mail:${mailId}`;
}

function settingsOf(contact: { userId: string; email: string; displayName: string; timeZone: string }, row: MailSettingsRow | undefined): MailSettings {
  return {
    userId: contact.userId,
    address: row?.address ?? contact.email,
    addressIsAccountEmail: !row?.address,
    timeZone: contact.timeZone,
    displayName: contact.displayName,
    digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR,
    briefingLeadHours: row?.briefingLeadHours ?? DEFAULT_BRIEFING_LEAD_HOURS,
    kinds: { digest: row?.digestOn ?? true, briefing: row?.briefingOn ?? true, account: row?.accountOn ?? true },
  };
}

/** The HTML part with the unsubscribe footer, inside its body when it has one. */
function withFooter(html: string, kind: MailKind, unsubscribe: string, settings: string): string {
  const footer = `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px"><p style="font:12px/1.5 system-ui,sans-serif;color:#555">You get this because ${escapeHtml(MAIL_KIND_LABELS[kind])} mail is on in Dossier. <a href="${escapeHtml(unsubscribe)}">Stop these mails</a> · <a href="${escapeHtml(settings)}">All mail settings</a></p>`;
  const close = html.lastIndexOf('</body>');
  return close >= 0 ? `${html.slice(0, close)}${footer}${html.slice(close)}` : `${html}${footer}`;
}
