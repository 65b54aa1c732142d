/**
 * The kinds of mail Dossier sends; each can be turned off (and unsubscribed from with one click) on
 * its own. `digest`: the daily digest; `briefing`: an interview's briefing, hours before it;
 * `account`: invitations, password and two-factor changes, sign-ins from a new place.
 */
export const MAIL_KINDS = ['digest', 'briefing', 'account'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Where a mail stands. `queued`: handed to the queue; `retrying`: the server refused it for now (or
 * could not be reached) and it will be tried again; `sent`: the server accepted it; `failed`: it
 * never will be (refused for good, or out of attempts). A mail of a kind turned off is not recorded:
 * it was never sent.
 */
export const MAIL_STATUSES = ['queued', 'retrying', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A file attached to a mail (a briefing's PDF). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * A mail for one account, as another module hands it to MailService.send. Every mail has a plain-text
 * and an HTML part; the unsubscribe link of its kind is added to both (and to its headers).
 */
export interface OutgoingMail {
  kind: MailKind;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /**
   * Sends the mail once for this key: a second send with the same key (for the same account) is
   * answered with the first one's log row and sends nothing (e.g. `briefing:<interview>:<start>`,
   * `digest:<date>`).
   */
  dedupeKey?: string;
  /** Another recipient than the account's mail address (an invitation: the invitee's). */
  to?: string;
}

/** An account's mail settings as they are in force (defaults filled in), for the modules that send. */
export interface MailSettings {
  userId: string;
  /** Where mail goes: the address set in the settings, else the account's email. */
  address: string;
  /** Whether the address is the account's email (nothing set). */
  addressIsAccountEmail: boolean;
  /** The account's IANA time zone. */
  timeZone: string;
  displayName: string;
  /** Hour of the day (0–23) in `timeZone` at which the daily digest is sent. */
  digestHour: number;
  /** How many hours before an interview its briefing is mailed. */
  briefingLeadHours: number;
  /** Each kind on (true) or off. */
  kinds: Record<MailKind, boolean>;
}

export const DEFAULT_DIGEST_HOUR = 7;
export const DEFAULT_BRIEFING_LEAD_HOURS = 24;
export const MAX_BRIEFING_LEAD_HOURS = 24 * 14;
