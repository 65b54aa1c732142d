import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StageType } from '../stage-templates/index';
import { ResumeProject } from './resume-project.entity';

/** Every statement on resume projects. */
@Injectable()
export class ResumeProjectsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The position after the user's last project (0 for the first). */
  async nextPosition(userId: string): Promise<number> {
    return ((await this.dataSource.query('SELECT coalesce(max(position) + 1, 0)::int AS next FROM resume_projects WHERE user_id = $1', [userId])) as { next: number }[])[0].next;
  }

  insert(fields: Partial<ResumeProject>): Promise<ResumeProject> {
    const em = this.dataSource.manager;
    return em.save(em.create(ResumeProject, fields));
  }

  /** By position, then age; projects for every stage type (none listed) match any `stageType`. */
  page(userId: string, stageType: StageType | undefined, limit: number, offset: number): Promise<[ResumeProject[], number]> {
    const qb = this.dataSource.manager.createQueryBuilder(ResumeProject, 'p').where('p.user_id = :userId', { userId });
    if (stageType) qb.andWhere("(p.stage_types = '{}' OR :stageType = ANY(p.stage_types))", { stageType });
    return qb.orderBy('p.position', 'ASC').addOrderBy('p.created_at', 'ASC').addOrderBy('p.id', 'ASC').take(limit).skip(offset).getManyAndCount();
  }

  findOne(userId: string, id: string): Promise<ResumeProject | null> {
    return this.dataSource.manager.findOneBy(ResumeProject, { id, userId });
  }

  lock(em: EntityManager, userId: string, id: string): Promise<ResumeProject | null> {
    return em.findOne(ResumeProject, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  save(em: EntityManager, project: ResumeProject): Promise<ResumeProject> {
    return em.save(project);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(ResumeProject, { id, userId })).affected;
  }
}
