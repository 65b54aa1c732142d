import { ConflictError, DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidOrganizationError extends DomainError {
  constructor(details: FieldProblem[], what: 'organization' | 'team' = 'organization') {
    super(ErrorKind.Invalid, `${what}.invalid`, `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

export class OrganizationNameTakenError extends ConflictError {
  constructor(message: string) {
    super('organization.name-taken', message);
  }
}

export class OrganizationMergeSelfError extends ConflictError {
  constructor() {
    super('organization.merge-self', 'An organization cannot be merged into itself');
  }
}
