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
