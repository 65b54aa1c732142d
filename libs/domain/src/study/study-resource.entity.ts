import { Column, Entity, Index } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import type { StageType } from '../stage-templates/index';
import type { ResourceEmphasis, StudyPart, StudyResourceKind, StudyUnit } from './study.types';

/**
 * Something the user studies from: a book with its chapters, a chapter range, a problem set, a
 * paper, a video or course, a link. Progress is counted in its own unit from the sessions logged on it.
 */
@Entity('study_resources')
@Index(['userId', 'createdAt'])
export class StudyResource extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  kind: StudyResourceKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  author: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text' })
  unit: StudyUnit;

  /** The size in `unit`: the sum of the parts when it has parts (skipped ones included). */
  @Column({ name: 'total_amount', type: 'integer' })
  totalAmount: number;

  /** Chapters, problems or sections in order; empty: one undivided piece of work. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  parts: StudyPart[];

  @Column({ type: 'text', default: 'core' })
  emphasis: ResourceEmphasis;

  @Column({ type: 'text', array: true, default: '{}' })
  topics: string[];

  /** The stage types it prepares for; empty: any. */
  @Column({ name: 'stage_types', type: 'text', array: true, default: '{}' })
  stageTypes: StageType[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The starter resource it was copied from, so starting a second plan reuses the copy. */
  @Column({ name: 'starter_key', type: 'text', nullable: true })
  starterKey: string | null;
}
