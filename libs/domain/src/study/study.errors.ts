import { ConflictError, DomainError, ErrorKind, FieldProblem } from '#platform';

export type StudyRecord = 'study-resource' | 'study-session' | 'study-plan' | 'question' | 'mock-interview' | 'story';

/** Input a field-by-field validation cannot refuse (blank text, parts that do not add up, a stage of another application). */
export class InvalidStudyInputError extends DomainError {
  constructor(record: StudyRecord, details: FieldProblem[]) {
    super(ErrorKind.Invalid, `${record}.invalid`, `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

/** One plan per application: the existing one is named so the client can open it instead. */
export class StudyPlanExistsError extends ConflictError {
  constructor(applicationId: string, planId: string) {
    super('study-plan.exists', `Application ${applicationId} already has a study plan (${planId})`, { planId });
  }
}

/** A resource is studied for one stage of a plan; move the item to change its stage. */
export class ResourceAlreadyPlannedError extends ConflictError {
  constructor(resourceId: string, itemId: string) {
    super('study-plan.resource-planned', `Resource ${resourceId} is already in this plan (item ${itemId})`, { itemId });
  }
}
