import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class UnreadableImportError extends DomainError {
  constructor(message: string, details?: FieldProblem[]) {
    super(ErrorKind.Invalid, 'import.unreadable', message, details);
  }
}
