import { Column, Entity, Index, JoinTable, ManyToMany, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { ResumeProject } from '../resume-projects/resume-project.entity';
import type { StageType } from '../stage-templates/index';

/** What behavioural rounds probe; a culture or team-lead prep lists those without a story yet. */
export const COMPETENCIES = ['conflict', 'failure', 'leadership', 'ambiguity', 'impact'] as const;
export type Competency = (typeof COMPETENCIES)[number];

/** A story told in STAR form (situation, task, action, result), linked to the résumé projects it comes from. */
@Entity('behavioural_stories')
@Index(['userId', 'createdAt'])
export class BehaviouralStory extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  situation: string | null;

  @Column({ type: 'text', nullable: true })
  task: string | null;

  @Column({ type: 'text', nullable: true })
  action: string | null;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  competencies: Competency[];

  /** The stage types worth telling it in; empty: any. */
  @Column({ name: 'stage_types', type: 'text', array: true, default: '{}' })
  stageTypes: StageType[];

  @ManyToMany(() => ResumeProject, { onDelete: 'CASCADE' })
  @JoinTable({ name: 'behavioural_story_projects', joinColumn: { name: 'story_id' }, inverseJoinColumn: { name: 'resume_project_id' } })
  projects?: Relation<ResumeProject>[];
}
