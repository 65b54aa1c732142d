import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, clientAddressGroup, publicLink } from '#platform';
import { type ClientInfo, type RecordedSecurityEvent, SecurityEventsService } from '../security-events/index';
import { formatInstant } from '../shared/dates';
import { MailParagraph, noticeBody } from './mail-html';
import { MailService } from './mail.service';
import type { MailSettings } from './mail.types';

/** The security events that may be mailed about. */
const NOTICE_KINDS = new Set<string>(['password-changed', 'two-factor-enabled', 'two-factor-disabled', 'sign-in']);

/** Sign-ins looked back on to tell whether one comes from a place seen before. */
const KNOWN_PLACES_LOOKBACK = 200;

/**
 * Account mail: the owner is told of a password change, two-factor sign-in turned on or off, and a
 * sign-in from a place not seen before (another network or another browser); an admin's invitation
 * is mailed to the address it names. Told by the security events as they are recorded.
 */
@Injectable()
export class AccountMailService implements OnModuleInit {
  private readonly logger = new Logger(AccountMailService.name);

  constructor(
    private readonly mail: MailService,
    private readonly events: SecurityEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((event) => this.onEvent(event));
  }

  /** Mails an invitation to the address it names (sent in the admin's name, logged in the admin's mail log). */
  async invitation(adminId: string, email: string, url: string, expiresAt: Date): Promise<boolean> {
    if (!this.mail.status().enabled) return false;
    const [admin] = await this.mail.mailSettings([adminId]);
    const body = noticeBody('You are invited to Dossier', [
      `${admin?.displayName ?? 'The admin'} invites you to an account on their Dossier server.`,
      { text: 'Create your account here (the link works once):', link: { label: 'accept the invitation', url } },
      `The invitation expires ${formatInstant(expiresAt, 'UTC')}.`,
    ]);
    try {
      return (await this.mail.send(adminId, { kind: 'account', to: email, subject: 'Your invitation to Dossier', ...body })) !== null;
    } catch (e) {
      // The invitation stands: its link is in the answer, to hand over another way.
      this.logger.warn(`invitation mail not queued: ${(e as Error).message}`);
      return false;
    }
  }

  private async onEvent(event: RecordedSecurityEvent): Promise<void> {
    if (!this.mail.status().enabled || !NOTICE_KINDS.has(event.kind)) return;
    // The account's settings first: with account mail off, a sign-in costs no look at earlier ones.
    const [settings] = await this.mail.mailSettings([event.userId]);
    if (!settings?.kinds.account) return;
    switch (event.kind) {
      case 'password-changed':
        return this.notice(event, settings, 'Your Dossier password was changed', ['Your password was changed; every other signed-in browser was signed out.']);
      case 'two-factor-enabled':
        return this.notice(event, settings, 'Two-factor sign-in is on', ['Two-factor sign-in was turned on for your account: signing in now also takes a code from your authenticator app (or a recovery code).']);
      case 'two-factor-disabled':
        return this.notice(event, settings, 'Two-factor sign-in is off', ['Two-factor sign-in was turned off for your account: your password alone now signs you in.']);
      case 'sign-in':
        if (event.details.method === 'registration' || (await this.placeKnown(event.userId, event.client))) return;
        return this.notice(event, settings, 'New sign-in to Dossier', ['Your account was signed in to from a network or browser not seen before.']);
      default:
        return;
    }
  }

  /** Whether an earlier sign-in came from the same network and the same browser (its version aside). */
  private async placeKnown(userId: string, client: ClientInfo): Promise<boolean> {
    const [, ...earlier] = await this.events.recentSignIns(userId, KNOWN_PLACES_LOOKBACK);
    const here = place(client);
    return earlier.some((e) => place(e.client) === here);
  }

  private async notice(event: RecordedSecurityEvent, settings: MailSettings, subject: string, what: string[]): Promise<void> {
    const paragraphs: MailParagraph[] = [
      ...what,
      `When: ${formatInstant(new Date(), settings.timeZone)}`,
      `From: ${event.client.ip ?? 'an unknown address'}, ${event.client.userAgent ?? 'an unknown browser or client'}`,
      { text: "If this was not you, change your password and review your sessions and tokens at once:", link: { label: 'security settings', url: publicLink(this.config, '/app/settings') } },
    ];
    const sent = await this.mail.send(event.userId, { kind: 'account', subject, ...noticeBody(subject, paragraphs) });
    if (sent) this.logger.debug(`${event.kind} mail queued for ${event.userId}`);
  }
}

/** A network (an IPv4 /24, an IPv6 /64) and a browser with its version numbers left out. */
function place(client: ClientInfo): string {
  const ip = client.ip ? clientAddressGroup(client.ip).replace(/^(\d+\.\d+\.\d+)\.\d+$/, '$1.0/24') : '?';
  const agent = (client.userAgent ?? '?').replace(/\d+(\.\d+)*/g, '#');
  return `${ip} ${agent}`;
}
