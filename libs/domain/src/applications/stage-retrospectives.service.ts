import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '#platform';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async put(userId: string, applicationId: string, stageId: string, input: RetrospectiveInput): Promise<RetrospectiveView> {
    await this.dataSource.transaction(async (em) => {
      const stage = await this.stage(em, userId, applicationId, stageId);
      if (stage.status === 'upcoming' || stage.status === 'skipped') throw new StageNotReachedError(stage.name);
      await em.query(
        `INSERT INTO stage_retrospectives (user_id, stage_id, went_well, went_badly, do_differently) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (stage_id) DO UPDATE SET went_well = EXCLUDED.went_well, went_badly = EXCLUDED.went_badly, do_differently = EXCLUDED.do_differently, updated_at = now()`,
        [userId, stageId, text(input.wentWell), text(input.wentBadly), text(input.doDifferently)],
      );
    });
    return this.get(userId, applicationId, stageId);
  }

  async get(userId: string, applicationId: string, stageId: string): Promise<RetrospectiveView> {
    await this.stage(this.dataSource.manager, userId, applicationId, stageId);
    const [found] = await this.query(this.dataSource.manager, userId, 'r.stage_id = $2', [stageId]);
    if (!found) throw new NotFoundError('retrospective', stageId);
    return found;
  }

  async remove(userId: string, applicationId: string, stageId: string): Promise<void> {
    await this.stage(this.dataSource.manager, userId, applicationId, stageId);
    const [, affected] = (await this.dataSource.query('DELETE FROM stage_retrospectives WHERE stage_id = $1 AND user_id = $2', [stageId, userId])) as [unknown, number];
    if (!affected) throw new NotFoundError('retrospective', stageId);
  }

  /** The user's retrospectives, the most recent stage first; by kind of stage. */
  async list(userId: string, query: RetrospectivesQuery = {}, em: EntityManager = this.dataSource.manager): Promise<RetrospectiveView[]> {
    return this.query(em, userId, '($2::text IS NULL OR s.type = $2) AND ($3::uuid IS NULL OR s.id <> $3)', [query.stageType ?? null, query.exceptStageId ?? null]);
  }

  private async query(em: EntityManager, userId: string, where: string, params: unknown[]): Promise<RetrospectiveView[]> {
    const rows = (await em.query(
      `SELECT r.id, r.went_well, r.went_badly, r.do_differently, r.created_at, r.updated_at,
              a.id AS application_id, a.role, a.status AS application_status, o.id AS organization_id, o.name AS organization_name, t.id AS team_id, t.name AS team_name,
              s.id AS stage_id, s.name AS stage_name, s.type AS stage_type, s.status AS stage_status, s.entered_at, s.left_at
         FROM stage_retrospectives r
         JOIN application_stages s ON s.id = r.stage_id
         JOIN applications a ON a.id = s.application_id
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN teams t ON t.id = a.team_id
        WHERE r.user_id = $1 AND ${where}
        ORDER BY coalesce(s.left_at, s.entered_at, r.created_at) DESC, r.id`,
      [userId, ...params],
    )) as Record<string, any>[];
    return rows.map((r) => ({
      id: r.id,
      wentWell: r.went_well,
      wentBadly: r.went_badly,
      doDifferently: r.do_differently,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      application: { id: r.application_id, role: r.role, status: r.application_status, organization: { id: r.organization_id, name: r.organization_name }, team: r.team_id ? { id: r.team_id, name: r.team_name } : null },
      stage: { id: r.stage_id, name: r.stage_name, type: r.stage_type, status: r.stage_status, enteredAt: r.entered_at, leftAt: r.left_at },
    }));
  }

  private async stage(em: EntityManager, userId: string, applicationId: string, stageId: string): Promise<{ name: string; status: string }> {
    const [app] = (await em.query('SELECT id FROM applications WHERE id = $1 AND user_id = $2', [applicationId, userId])) as { id: string }[];
    if (!app) throw new NotFoundError('application', applicationId);
    const [stage] = (await em.query('SELECT name, status FROM application_stages WHERE id = $1 AND application_id = $2 AND user_id = $3', [stageId, applicationId, userId])) as { name: string; status: string }[];
    if (!stage) throw new NotFoundError('stage', stageId);
    return stage;
  }
}

function text(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}
