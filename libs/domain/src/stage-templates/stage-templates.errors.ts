import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidStageTemplateError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'stage-template.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}
