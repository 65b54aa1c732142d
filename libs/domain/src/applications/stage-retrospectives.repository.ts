import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { organizationNames } from '../organizations/index';
import type { RetrospectiveView } from './stage-retrospectives.service';

/** The stage_retrospectives table: every statement on it. */
@Injectable()
export class StageRetrospectivesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async put(em: EntityManager, userId: string, stageId: string, r: { wentWell: string | null; wentBadly: string | null; doDifferently: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO stage_retrospectives (user_id, stage_id, went_well, went_badly, do_differently) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (stage_id) DO UPDATE SET went_well = EXCLUDED.went_well, went_badly = EXCLUDED.went_badly, do_differently = EXCLUDED.do_differently, updated_at = now()`,
      [userId, stageId, r.wentWell, r.wentBadly, r.doDifferently],
    );
  }

  /** Deletes the stage's retrospective; false when there was none. */
  async delete(userId: string, stageId: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query('DELETE FROM stage_retrospectives WHERE stage_id = $1 AND user_id = $2', [stageId, userId])) as [unknown, number];
    return !!affected;
  }

  ofStage(userId: string, stageId: string): Promise<RetrospectiveView[]> {
    return this.query(this.manager, userId, 'r.stage_id = $2', [stageId]);
  }

  /** The user's retrospectives, the most recent stage first; of one kind of stage, all but one stage's. */
  list(em: EntityManager, userId: string, stageType: string | null, exceptStageId: string | null): Promise<RetrospectiveView[]> {
    return this.query(em, userId, '($2::text IS NULL OR s.type = $2) AND ($3::uuid IS NULL OR s.id <> $3)', [stageType, exceptStageId]);
  }

  /** Whether the application is the user's, and its stage's name and status. */
  async stageOf(em: EntityManager, userId: string, applicationId: string, stageId: string): Promise<{ application: boolean; stage: { name: string; status: string } | null }> {
    const [app] = (await em.query('SELECT id FROM applications WHERE id = $1 AND user_id = $2', [applicationId, userId])) as { id: string }[];
    if (!app) return { application: false, stage: null };
    const [stage] = (await em.query('SELECT name, status FROM application_stages WHERE id = $1 AND application_id = $2 AND user_id = $3', [stageId, applicationId, userId])) as { name: string; status: string }[];
    return { application: true, stage: stage ?? null };
  }

  private async query(em: EntityManager, userId: string, where: string, params: unknown[]): Promise<RetrospectiveView[]> {
    const rows = (await em.query(
      `SELECT r.id, r.went_well, r.went_badly, r.do_differently, r.created_at, r.updated_at,
              a.id AS application_id, a.role, a.status AS application_status, a.organization_id, a.team_id,
              s.id AS stage_id, s.name AS stage_name, s.type AS stage_type, s.status AS stage_status, s.entered_at, s.left_at
         FROM stage_retrospectives r
         JOIN application_stages s ON s.id = r.stage_id
         JOIN applications a ON a.id = s.application_id
        WHERE r.user_id = $1 AND ${where}
        ORDER BY coalesce(s.left_at, s.entered_at, r.created_at) DESC, r.id`,
      [userId, ...params],
    )) as Record<string, any>[];
    const names = await organizationNames(em, rows.map((r) => r.organization_id), rows.map((r) => r.team_id));
    return rows.map((r) => ({
      id: r.id,
      wentWell: r.went_well,
      wentBadly: r.went_badly,
      doDifferently: r.do_differently,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      application: { id: r.application_id, role: r.role, status: r.application_status, organization: { id: r.organization_id, name: names.organizations.get(r.organization_id)! }, team: r.team_id ? { id: r.team_id, name: names.teams.get(r.team_id)! } : null },
      stage: { id: r.stage_id, name: r.stage_name, type: r.stage_type, status: r.stage_status, enteredAt: r.entered_at, leftAt: r.left_at },
    }));
  }

}
