import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { Interview } from '../interviews/interview.entity';
import type { BriefingContent } from './briefing-content';

export const BRIEFING_STATUSES = ['queued', 'generating', 'ready', 'failed'] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];
export type BriefingTrigger = 'manual' | 'schedule';

/**
 * One generation of an interview's briefing. Every generation is kept as a numbered version, with
 * the facts it was rendered from (content) and what changed since the version before.
 */
@Entity('briefings')
@Index(['interviewId', 'version'], { unique: true })
@Index(['userId', 'createdAt'])
export class Briefing extends OwnedRecord {
  @Column({ name: 'interview_id', type: 'uuid' })
  interviewId: string;

  /** Deleting an interview deletes its briefings. */
  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id' })
  interview?: Relation<Interview>;

  /** 1, 2, 3… per interview, in the order generations were asked for. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  trigger: BriefingTrigger;

  @Column({ type: 'text' })
  status: BriefingStatus;

  /** For a scheduled briefing: the interview start it was made for, so a moved interview gets another. */
  @Column({ name: 'for_starts_at', type: 'timestamptz', nullable: true })
  forStartsAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  content: BriefingContent | null;

  @Column({ type: 'text', nullable: true })
  markdown: string | null;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  /** What changed since the previous ready version (empty for the first, or when nothing did). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: string[];

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true })
  generatedAt: Date | null;
}
