import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidResumeProjectError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'resume-project.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}
