import { Injectable } from '@nestjs/common';
import { activeAccountIds } from '../accounts/index';
import { MailService } from '../mail/index';
import type { RenderedDigest } from './digest-render';
import type { DigestRecipient } from './digests.service';
import { DigestsRepository } from './digests.repository';

/** Accounts whose mail settings are read together. */
const SETTINGS_BATCH = 1000;

/**
 * What the digest needs of the mail module: who has the digest on, and handing one digest over.
 * Unsubscribing from the digest (the mail's one-click link) turns the kind off in the mail
 * settings: such an account is no recipient, and `MailService.send` refuses the kind anyway.
 */
@Injectable()
export class DigestPostbox {
  constructor(
    private readonly mail: MailService,
    private readonly digests: DigestsRepository,
  ) {}

  /** Every account that can sign in with the digest on, with its zone and hour; nobody while the server has no SMTP_URL. */
  async recipients(): Promise<DigestRecipient[]> {
    if (!this.mail.status().enabled) return [];
    const ids = await activeAccountIds(this.digests.manager);
    const out: DigestRecipient[] = [];
    for (let i = 0; i < ids.length; i += SETTINGS_BATCH) {
      for (const s of await this.mail.mailSettings(ids.slice(i, i + SETTINGS_BATCH))) {
        if (s.kinds.digest) out.push({ userId: s.userId, timeZone: s.timeZone, digestHour: s.digestHour });
      }
    }
    return out;
  }

  /** Queues one account's digest of its local day; the day's key makes a second hand-over send nothing. */
  async post(userId: string, localDate: string, mail: RenderedDigest): Promise<void> {
    await this.mail.send(userId, { kind: 'digest', subject: mail.subject, text: mail.text, html: mail.html, dedupeKey: `digest:${localDate}` });
  }
}
