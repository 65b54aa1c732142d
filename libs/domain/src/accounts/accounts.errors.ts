import { DomainError, ErrorKind } from '#platform';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(ErrorKind.Unauthorized, 'auth.invalid-credentials', 'Email or password is wrong');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(reason = 'A valid bearer token is required') {
    super(ErrorKind.Unauthorized, 'auth.unauthenticated', reason);
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super(ErrorKind.Conflict, 'auth.email-taken', 'An account with this email already exists');
  }
}

/** Sign-in with the right password to an account an admin turned off. */
export class AccountDisabledError extends DomainError {
  constructor() {
    super(ErrorKind.Forbidden, 'auth.account-disabled', 'This account is disabled; ask the server’s admin');
  }
}

export class RegistrationClosedError extends DomainError {
  constructor() {
    super(ErrorKind.Forbidden, 'auth.registration-closed', 'This server does not accept new accounts');
  }
}

export class InvitationRequiredError extends DomainError {
  constructor() {
    super(ErrorKind.Forbidden, 'auth.invitation-required', 'This server accepts new accounts by invitation only: register with the invitation an admin sent you');
  }
}

/** Unknown, used, expired or revoked, or for another address: one answer for all. */
export class InvitationInvalidError extends DomainError {
  constructor(message = 'This invitation is unknown, used, expired or revoked') {
    super(ErrorKind.Forbidden, 'auth.invitation-invalid', message);
  }
}

export class InsufficientScopeError extends DomainError {
  constructor(needed: string) {
    super(ErrorKind.Forbidden, 'auth.insufficient-scope', `This token lacks the "${needed}" scope this request needs`);
  }
}

export class ScopeEscalationError extends DomainError {
  constructor(missing: string[]) {
    super(ErrorKind.Forbidden, 'auth.scope-escalation', `A token cannot create a token with more scopes than it has (this one lacks: ${missing.join(', ')})`);
  }
}

/** POST /me/password with a wrong current password (403, not 401: the caller's session is fine). */
export class WrongPasswordError extends DomainError {
  constructor() {
    super(ErrorKind.Forbidden, 'auth.wrong-password', 'The current password is wrong', [{ field: 'currentPassword', problem: 'is wrong' }]);
  }
}

export class LastAdminError extends DomainError {
  constructor() {
    super(ErrorKind.Conflict, 'admin.last-admin', 'This is the only active admin: make another account admin first');
  }
}
