import { Column, Entity, Index } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { User } from '../accounts/user.entity';
import type { StageType } from '../stage-templates/index';

export interface ResumeProjectLink {
  url: string;
  label: string | null;
}

/**
 * A project on the user's résumé that they should be ready to discuss in depth: briefings list the
 * ones relevant to an interview's stage type, with their talking points.
 */
@Entity('resume_projects')
@Index(['userId', 'position', 'createdAt'])
export class ResumeProject extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** The user's role on the project ("lead author", "tech lead"). */
  @Column({ type: 'text', nullable: true })
  role: string | null;

  /** yyyy-mm: month precision is what a résumé gives. */
  @Column({ name: 'period_from', type: 'text', nullable: true })
  periodFrom: string | null;

  /** yyyy-mm; null with a start: ongoing. */
  @Column({ name: 'period_to', type: 'text', nullable: true })
  periodTo: string | null;

  /** Technologies and skills. */
  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: ResumeProjectLink[];

  /** In the order the user wants to make them. */
  @Column({ name: 'talking_points', type: 'text', array: true, default: '{}' })
  talkingPoints: string[];

  /** The stage types it is worth raising in; empty: any. */
  @Column({ name: 'stage_types', type: 'text', array: true, default: '{}' })
  stageTypes: StageType[];

  /** User-set list order (ascending); ties list oldest first. */
  @Column({ type: 'integer', default: 0 })
  position: number;
}
