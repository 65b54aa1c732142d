import { ConflictError, DomainError, ErrorKind, FieldProblem } from '#platform';
import type { ApplicationStatus } from './application.entity';

export class InvalidApplicationError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'application.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

/** A move the state machine does not allow from where the application is; lists the ones it does. */
export class IllegalMoveError extends ConflictError {
  constructor(move: string, status: ApplicationStatus, stage: string | null, allowedMoves: string[]) {
    const where = stage ? `${status}, at "${stage}"` : status;
    super('application.illegal-move', `Cannot ${move} an application that is ${where}; allowed: ${allowedMoves.join(', ') || 'none'}`, { allowedMoves, status, currentStage: stage });
  }
}
