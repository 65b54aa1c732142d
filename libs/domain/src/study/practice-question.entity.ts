import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Interview } from '../interviews/interview.entity';
import { Organization } from '../organizations/organization.entity';
import type { StageType } from '../stage-templates/index';

export const QUESTION_SOURCES = ['interview', 'mock', 'book', 'other'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

/**
 * A question met or expected, with the user's answer notes and its practice schedule: the FSRS
 * card's state lives in the row (ts-fsrs computes the next one from it at each drill).
 */
@Entity('practice_questions')
@Index(['userId', 'due'])
@Index(['userId', 'organizationId'])
export class PracticeQuestion extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', nullable: true })
  topic: string | null;

  @Column({ name: 'stage_type', type: 'text', nullable: true })
  stageType: StageType | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  /** The interview it was asked in, when it came from one. */
  @Column({ name: 'interview_id', type: 'uuid', nullable: true })
  interviewId: string | null;

  @ManyToOne(() => Interview, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'interview_id' })
  interview?: Relation<Interview> | null;

  @Column({ type: 'text' })
  source: QuestionSource;

  @Column({ name: 'answer_notes', type: 'text', nullable: true })
  answerNotes: string | null;

  // The FSRS card (ts-fsrs `Card`), one column per field.
  @Column({ type: 'timestamptz' })
  due: Date;

  @Column({ type: 'double precision', default: 0 })
  stability: number;

  @Column({ type: 'double precision', default: 0 })
  difficulty: number;

  @Column({ name: 'scheduled_days', type: 'integer', default: 0 })
  scheduledDays: number;

  @Column({ name: 'learning_steps', type: 'integer', default: 0 })
  learningSteps: number;

  @Column({ type: 'integer', default: 0 })
  reps: number;

  @Column({ type: 'integer', default: 0 })
  lapses: number;

  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  @Column({ type: 'smallint', default: 0 })
  state: number;

  @Column({ name: 'last_review', type: 'timestamptz', nullable: true })
  lastReview: Date | null;
}
