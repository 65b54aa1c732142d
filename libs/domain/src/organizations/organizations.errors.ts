import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidOrganizationError extends DomainError {
  constructor(details: FieldProblem[], what: 'organization' | 'team' = 'organization') {
    super(ErrorKind.Invalid, `${what}.invalid`, `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}
