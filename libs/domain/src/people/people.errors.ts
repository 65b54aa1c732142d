import { ConflictError, DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidPersonError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'person.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

export class MergeSelfError extends ConflictError {
  constructor() {
    super('person.merge-self', 'A person cannot be merged into themselves');
  }
}

export class PersonDeletedError extends ConflictError {
  constructor(id: string) {
    super('person.deleted', `Person ${id} is deleted; restore them first`);
  }
}
