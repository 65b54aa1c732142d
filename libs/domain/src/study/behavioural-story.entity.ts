import { Column, CreateDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { ResumeProject } from '../resume-projects/resume-project.entity';
import type { StageType } from '../stage-templates/index';

/** What behavioural rounds probe; a culture or team-lead prep lists those without a story yet. */
export const COMPETENCIES = ['conflict', 'failure', 'leadership', 'ambiguity', 'impact'] as const;
export type Competency = (typeof COMPETENCIES)[number];

/** A story told in STAR form (situation, task, action, result), linked to the résumé projects it comes from. */
@Entity('behavioural_stories')
@Index(['userId', 'createdAt'])
export class BehaviouralStory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
