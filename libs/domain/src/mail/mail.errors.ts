import { DomainError, ErrorKind } from '#platform';

/** An unsubscribe link that was altered, cut short, or made with another server key. */
export class InvalidUnsubscribeTokenError extends DomainError {
  constructor() {
    super(ErrorKind.Invalid, 'mail.unsubscribe-token-invalid', 'This unsubscribe link is not valid (it may have been cut short when copied); turn the mail off in Settings instead', [{ field: 'token', problem: 'is not a valid unsubscribe token' }]);
  }
}

/** A mail the SMTP server did not take. `final`: it will not be tried again (a 5xx refusal, or the last attempt). */
export class MailNotSentError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
    this.name = 'MailNotSentError';
  }
}
