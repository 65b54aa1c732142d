import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '#platform';
import { StageRetrospectivesRepository } from './stage-retrospectives.repository';

/** A PUT replaces the retrospective: a field left out is cleared. */
export interface RetrospectiveInput {
  wentWell?: string | null;
  wentBadly?: string | null;
  doDifferently?: string | null;
}

/** A retrospective with the stage and application it is about. */
export interface RetrospectiveView {
  id: string;
  wentWell: string | null;
  wentBadly: string | null;
  doDifferently: string | null;
  createdAt: Date;
  updatedAt: Date;
  application: { id: string; role: string; status: string; organization: { id: string; name: string }; team: { id: string; name: string } | null };
  stage: { id: string; name: string; type: string; status: string; enteredAt: Date | null; leftAt: Date | null };
}

export interface RetrospectivesQuery {
  stageType?: string;
  /** Leave out the retrospective of this stage (the one a briefing is about). */
  exceptStageId?: string;
}

export class StageNotReachedError extends ConflictError {
  constructor(name: string) {
    super('application.stage-not-reached', `The application has not reached "${name}" yet: a retrospective is about a stage that took place`);
  }
}

/** Retrospectives on the stages of the user's applications. */
@Injectable()
export class StageRetrospectivesService {
  constructor(private readonly repository: StageRetrospectivesRepository) {}

  async put(userId: string, applicationId: string, stageId: string, input: RetrospectiveInput): Promise<RetrospectiveView> {
    await this.repository.transaction(async (em) => {
      const stage = await this.stage(em, userId, applicationId, stageId);
      if (stage.status === 'upcoming' || stage.status === 'skipped') throw new StageNotReachedError(stage.name);
      await this.repository.put(em, userId, stageId, { wentWell: text(input.wentWell), wentBadly: text(input.wentBadly), doDifferently: text(input.doDifferently) });
    });
    return this.get(userId, applicationId, stageId);
  }

  async get(userId: string, applicationId: string, stageId: string): Promise<RetrospectiveView> {
    await this.stage(this.repository.manager, userId, applicationId, stageId);
    const [found] = await this.repository.ofStage(userId, stageId);
    if (!found) throw new NotFoundError('retrospective', stageId);
    return found;
  }

  async remove(userId: string, applicationId: string, stageId: string): Promise<void> {
    await this.stage(this.repository.manager, userId, applicationId, stageId);
    if (!(await this.repository.delete(userId, stageId))) throw new NotFoundError('retrospective', stageId);
  }

  /** The user's retrospectives, the most recent stage first; by kind of stage. */
  async list(userId: string, query: RetrospectivesQuery = {}, em: EntityManager = this.repository.manager): Promise<RetrospectiveView[]> {
    return this.repository.list(em, userId, query.stageType ?? null, query.exceptStageId ?? null);
  }

  /** The application is the user's and the stage one of its stages. */
  private async stage(em: EntityManager, userId: string, applicationId: string, stageId: string): Promise<{ name: string; status: string }> {
    const found = await this.repository.stageOf(em, userId, applicationId, stageId);
    if (!found.application) throw new NotFoundError('application', applicationId);
    if (!found.stage) throw new NotFoundError('stage', stageId);
    return found.stage;
  }

}

function text(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}
