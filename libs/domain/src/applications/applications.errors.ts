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

/**
 * A move made from a stage other than the one the application is at (a second click, another tab,
 * an old page): nothing is changed. The message says whether that stage was left since or never entered.
 */
export class StaleMoveError extends ConflictError {
  constructor(move: string, status: ApplicationStatus, stage: string | null, currentStageId: string | null, from: { id: string; name: string; entered: boolean }) {
    const where = stage ? `at "${stage}"` : status;
    const what = from.entered ? 'a stage the application has left' : 'a stage the application has not entered';
    super('application.stale-move', `Not applied: ${move} was asked from "${from.name}", ${what}; it is ${where} now`, {
      status,
      currentStage: stage,
      currentStageId,
      fromStage: { id: from.id, name: from.name, entered: from.entered },
    });
  }
}

/** The failed application was already rerouted to this team: a second reroute there would be a duplicate. */
export class AlreadyReroutedError extends ConflictError {
  constructor(applicationId: string) {
    super('application.already-rerouted', `This application was already rerouted to that team (application ${applicationId})`, { applicationId });
  }
}
