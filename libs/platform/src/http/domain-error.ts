/** What kind of failure a domain error is; the HTTP layer maps each kind to one status code. */
export enum ErrorKind {
  Invalid = 'invalid',
  Unauthorized = 'unauthorized',
  /** Authenticated, but this credential may not do this (a read-only token writing): 403. */
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  TooLarge = 'too_large',
  Unprocessable = 'unprocessable',
  /** Something this server needs is missing (e.g. a PDF renderer not installed): 503. */
  Unavailable = 'unavailable',
  /** Too many attempts or requests for now: 429, with a Retry-After. */
  TooManyRequests = 'too_many_requests',
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Base class of every error a service throws on purpose. `code` is a stable machine-readable
 * identifier (e.g. `person.not-found`); `extra` adds fields to the response body (e.g. allowed moves).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(ErrorKind.NotFound, `${what}.not-found`, id ? `${capitalize(what)} ${id} was not found` : `${capitalize(what)} was not found`);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details?: FieldProblem[], code = 'request.invalid') {
    super(ErrorKind.Invalid, code, message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extra?: Record<string, unknown>) {
    super(ErrorKind.Conflict, code, message, undefined, extra);
  }
}

/** 429: the client may try again after `retryAfterSeconds` (sent as the Retry-After header). */
export class TooManyRequestsError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorKind.TooManyRequests, code, message);
  }
}

/**
 * Not an error: the answer a request already got, sent again as it was (an idempotent retry). Thrown
 * past the handler so that the exception filter, which owns the reply, sends it untouched.
 */
export class IdempotentReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: string | null,
    readonly headers: Record<string, string>,
  ) {
    super('idempotent replay');
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
