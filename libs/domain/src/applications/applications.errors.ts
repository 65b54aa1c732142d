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

/** A move made from a stage the application has left since (a second click, another tab): nothing is changed. */
export class StaleMoveError extends ConflictError {
  constructor(move: string, status: ApplicationStatus, stage: string | null, currentStageId: string | null) {
    const where = stage ? `at "${stage}"` : status;
    super('application.stale-move', `Not applied: ${move} was asked from a stage the application has left; it is ${where} now`, { status, currentStage: stage, currentStageId });
  }
}

/** The failed application was already rerouted to this team: a second reroute there would be a duplicate. */
export class AlreadyReroutedError extends ConflictError {
  constructor(applicationId: string) {
    super('application.already-rerouted', `This application was already rerouted to that team (application ${applicationId})`, { applicationId });
  }
}
