import { Injectable } from '@nestjs/common';
import { MailService } from '../mail/index';
import type { RenderedDigest } from './digest-render';
import type { DigestRecipient } from './digests.service';

/**
 * What the digest needs of the mail module: who has the digest on, and handing one digest over.
 * Unsubscribing from the digest (the mail's one-click link) turns the kind off in the mail
 * settings: such an account is no recipient, and `MailService.send` refuses the kind anyway.
 */
@Injectable()
export class DigestPostbox {
  constructor(private readonly mail: MailService) {}

  /** Every account that can sign in with the digest on, with its zone and hour; nobody while the server has no SMTP_URL. */
  recipients(): Promise<DigestRecipient[]> {
    return this.mail.digestRecipients();
  }

  /** Queues one account's digest of its local day; the day's key makes a second hand-over send nothing. */
  async post(userId: string, localDate: string, mail: RenderedDigest): Promise<void> {
    await this.mail.send(userId, { kind: 'digest', subject: mail.subject, text: mail.text, html: mail.html, dedupeKey: `digest:${localDate}` });
  }
}
