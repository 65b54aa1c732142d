import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Work } from '../works/work.entity';

export const READING_STATUSES = ['to_read', 'reading', 'read', 'skipped'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

/**
 * One user's reading of one shared work: their status, notes, summary and questions. Works are
 * public and shared; this row is private to its user. Keyed by work, not by person or checklist,
 * so a work on two interviewers' checklists is read once, and a refreshed checklist keeps it.
 */
@Entity('reading_entries')
@Index(['userId', 'workId'], { unique: true })
@Index(['workId'])
export class ReadingEntry extends TimestampedOwnedRecord {
  @Column({ name: 'work_id', type: 'uuid' })
  workId: string;

  @ManyToOne(() => Work, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id' })
  work?: Relation<Work>;

  @Column({ type: 'text', default: 'to_read' })
  status: ReadingStatus;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The paper in the user's own words. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** Questions to ask the author. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  questions: string[];
}
