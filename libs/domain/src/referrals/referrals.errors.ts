import { ConflictError, DomainError, ErrorKind, FieldProblem } from '#platform';
import type { ReferralStatus } from './referral.entity';

export class InvalidReferralError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'referral.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

/** One person refers the user once per application. */
export class DuplicateReferralError extends ConflictError {
  constructor(referrerName: string, referralId?: string) {
    super('referral.duplicate', `${referrerName} already referred you for this application${referralId ? ` (referral ${referralId})` : ''}`, referralId ? { referralId } : undefined);
  }
}

/** A status change that goes back along the path (or leaves a closed referral); lists the ones allowed. */
export class IllegalReferralStatusError extends ConflictError {
  constructor(from: ReferralStatus, to: ReferralStatus, allowedStatuses: ReferralStatus[]) {
    super('referral.illegal-status', `A referral that is ${from} cannot go to ${to}; allowed next: ${allowedStatuses.join(', ') || 'none'}`, { status: from, allowedStatuses });
  }
}
