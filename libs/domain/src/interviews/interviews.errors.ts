import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidInterviewError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'interview.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}
