import { DomainError, ErrorKind, TooManyRequestsError } from '#platform';

export class TwoFactorRequiredError extends DomainError {
  constructor() {
    super(ErrorKind.Unauthorized, 'auth.two-factor-required', 'This account signs in with two factors: send `code`, the 6-digit code from your authenticator app or one of your recovery codes');
  }
}

export class TwoFactorInvalidError extends DomainError {
  constructor() {
    super(ErrorKind.Unauthorized, 'auth.two-factor-invalid', 'The two-factor code is wrong, expired or already used');
  }
}

/** Settings that need the password again were sent a wrong one (the code POST /me/password answers too). */
export class PasswordMismatchError extends DomainError {
  constructor() {
    super(ErrorKind.Forbidden, 'auth.wrong-password', 'The password is wrong', [{ field: 'password', problem: 'is not your current password' }]);
  }
}

export class TwoFactorCodeInvalidError extends DomainError {
  constructor() {
    super(ErrorKind.Invalid, 'two-factor.code-invalid', 'The code is wrong, expired or already used', [
      { field: 'code', problem: 'must be the current 6-digit code from your authenticator app (or, where accepted, an unused recovery code)' },
    ]);
  }
}

export class TwoFactorAlreadyEnabledError extends DomainError {
  constructor() {
    super(ErrorKind.Conflict, 'two-factor.already-enabled', 'Two-factor sign-in is already on; turn it off first to enrol another authenticator');
  }
}

export class TwoFactorNotPendingError extends DomainError {
  constructor() {
    super(ErrorKind.Conflict, 'two-factor.not-pending', 'No two-factor enrolment is waiting for a code: start one with POST /me/two-factor');
  }
}

export class TwoFactorNotEnabledError extends DomainError {
  constructor() {
    super(ErrorKind.Conflict, 'two-factor.not-enabled', 'Two-factor sign-in is not on for this account');
  }
}

export class TooManySignInAttemptsError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super('auth.too-many-attempts', `Too many failed sign-in attempts: try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}

/** The failures a sign-in throttle counts: a wrong password or a wrong second factor. */
export const FAILED_SIGN_IN_CODES: ReadonlySet<string> = new Set(['auth.invalid-credentials', 'auth.two-factor-invalid', 'auth.wrong-password', 'two-factor.code-invalid']);
