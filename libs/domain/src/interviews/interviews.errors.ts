import { ConflictError, DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidInterviewError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'interview.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

export class NotAnInterviewerError extends ConflictError {
  constructor(name: string, interviewId: string) {
    super('interview.not-an-interviewer', `${name} is not an interviewer of interview ${interviewId}: add them to its interviewerIds first`);
  }
}

export class InterviewerHasNotesError extends ConflictError {
  constructor(interviewId: string, people: { id: string; fullName: string }[]) {
    super(
      'interview.interviewer-has-notes',
      `Your notes on ${people.map((p) => p.fullName).join(', ')} at interview ${interviewId} would be lost: delete them first (DELETE /interviews/${interviewId}/interviewers/{personId}/notes)`,
      { people },
    );
  }
}
