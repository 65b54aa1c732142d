import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { PracticeQuestion } from './practice-question.entity';

export const DRILL_RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type DrillRating = (typeof DRILL_RATINGS)[number];

/** One practice of a question: the user's rating and the review FSRS scheduled from it. */
@Entity('practice_drills')
@Index(['questionId', 'drilledAt'])
@Index(['userId', 'drilledAt'])
export class PracticeDrill extends OwnedRecord {
  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => PracticeQuestion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<PracticeQuestion>;

  @Column({ name: 'drilled_at', type: 'timestamptz' })
  drilledAt: Date;

  @Column({ type: 'text' })
  rating: DrillRating;

  /** When FSRS scheduled the next review after this drill. */
  @Column({ name: 'next_due', type: 'timestamptz' })
  nextDue: Date;

  @Column({ name: 'scheduled_days', type: 'integer' })
  scheduledDays: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
