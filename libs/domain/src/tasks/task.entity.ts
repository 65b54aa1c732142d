import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { ApplicationStage } from '../applications/application-stage.entity';
import { Application } from '../applications/application.entity';
import { Interview } from '../interviews/interview.entity';
import { Person } from '../people/person.entity';

/** `manual`: the user wrote it; `checklist`: created from a stage's prep checklist. */
export const TASK_ORIGINS = ['manual', 'checklist'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

/**
 * Why a task was settled without being done: the application it prepares for closed
 * (its status then) or was rerouted away from after a failed stage.
 */
export const TASK_CLOSE_REASONS = ['rejected', 'withdrawn', 'declined', 'accepted', 'rerouted'] as const;
export type TaskCloseReason = (typeof TASK_CLOSE_REASONS)[number];

/** Something to do, by a date, about a person, an application or an interview. */
@Entity('tasks')
@Index(['userId', 'dueOn'])
export class Task extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** Settled with its application (kept, neither open nor done); null while open or once done. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason: TaskCloseReason | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'text', default: 'manual' })
  origin: TaskOrigin;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person> | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application> | null;

  /** For checklist tasks: the stage whose prep they are; their due date follows its first interview. */
  @Column({ name: 'stage_id', type: 'uuid', nullable: true })
  stageId: string | null;

  @ManyToOne(() => ApplicationStage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage?: Relation<ApplicationStage> | null;

  @Column({ name: 'interview_id', type: 'uuid', nullable: true })
  interviewId: string | null;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id' })
  interview?: Relation<Interview> | null;

  @Column({ type: 'integer', default: 0 })
  sequence: number;
}
