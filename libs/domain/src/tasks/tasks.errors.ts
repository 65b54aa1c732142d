import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidTaskError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'task.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}
