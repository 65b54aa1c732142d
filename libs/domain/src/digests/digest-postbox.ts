import type { RenderedDigest } from './digest-render';
import type { DigestRecipient } from './digests.service';

/**
 * What the digest needs of the mail module: who has the digest on (one read for every account),
 * and handing one digest over to be sent. The mail module's settings and send jobs stand behind it.
 */
export abstract class DigestPostbox {
  /** Every account with the digest on, with its zone and hour. */
  abstract recipients(): Promise<DigestRecipient[]>;

  /** Queues one account's digest of its local day; sending it twice for the same day must be harmless (the mail module de-duplicates). */
  abstract post(userId: string, localDate: string, mail: RenderedDigest): Promise<void>;
}

/** Until the mail module stands behind the digest: nobody has it on, so nothing is composed or sent. */
export class NoMailPostbox extends DigestPostbox {
  recipients(): Promise<DigestRecipient[]> {
    return Promise.resolve([]);
  }

  post(): Promise<void> {
    return Promise.reject(new Error('no mail module'));
  }
}
