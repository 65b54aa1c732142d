import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidInteractionError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'interaction.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}
