import { Column, Entity, Index, JoinColumn, ManyToOne, Relation, UpdateDateColumn } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { Interview } from '../interviews/interview.entity';
import { Person } from '../people/person.entity';
import type { RankingWeights } from './reading-ranking';

/**
 * The user's settings for one checklist: an interviewer's (person_id) or an interview's
 * (interview_id), exactly one of the two. Without a row, the defaults apply.
 */
@Entity('reading_checklist_settings')
@Index(['userId', 'personId'], { unique: true, where: 'person_id IS NOT NULL' })
@Index(['userId', 'interviewId'], { unique: true, where: 'interview_id IS NOT NULL' })
export class ChecklistSettings extends OwnedRecord {
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person> | null;

  @Column({ name: 'interview_id', type: 'uuid', nullable: true })
  interviewId: string | null;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id' })
  interview?: Relation<Interview> | null;

  /** Items per interviewer. */
  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'jsonb' })
  weights: RankingWeights;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
