import { ConflictError, DomainError, ErrorKind, NotFoundError } from '#platform';
import type { ScholarlySource } from '../scholarly/index';

/** The id or URL does not name an author at the source (format, check digit): 400 naming the field. */
export class InvalidIdentityError extends DomainError {
  constructor(field: string, problem: string) {
    super(ErrorKind.Invalid, 'identity.invalid', `Invalid ${field}`, [{ field, problem }]);
  }
}

/** Well-formed, but the source says there is no such author (unknown, deleted, no preprints): 422. */
export class UnknownAtSourceError extends DomainError {
  constructor(field: string, source: ScholarlySource, sourceAuthorId: string, reason: string) {
    super(ErrorKind.Unprocessable, 'identity.unknown-at-source', `${sourceAuthorId} is not an author at ${source}: ${reason}`, [{ field, problem: `is not an author at ${source} (${reason})` }], { source, sourceAuthorId });
  }
}

/**
 * One author at a source is one researcher: it is linked to one of the user's people at most, or
 * their works would be counted under two people. Unlink it there first (or merge the two people).
 */
export class IdentityLinkedElsewhereError extends ConflictError {
  constructor(source: ScholarlySource, sourceAuthorId: string, person: { id: string; fullName: string }) {
    super('identity.linked-elsewhere', `${source} ${sourceAuthorId} is already linked to ${person.fullName}; unlink it there first, or merge the two people`, {
      source,
      sourceAuthorId,
      linkedTo: { personId: person.id, fullName: person.fullName },
    });
  }
}

export class IdentityNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('identity', id);
  }
}
