import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/** What share of a reading checklist the user means to read before an interview. */
export const DEFAULT_COVERAGE_TARGET = 80;

/**
 * The user's reading goal: a prep task that means reading an interviewer's papers is done once
 * that much of the interview's reading checklist is read. Without a row, the default applies.
 */
@Entity('reading_goals')
export class ReadingGoal {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** Percent (1–100) of the checklist's works read. */
  @Column({ name: 'coverage_target', type: 'integer' })
  coverageTarget: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
