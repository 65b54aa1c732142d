import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import type { StageType } from '../stage-templates/index';
import { Application } from './application.entity';

/** `upcoming` until entered; `current` while in it; then passed, failed or skipped. */
export const STAGE_STATUSES = ['upcoming', 'current', 'passed', 'failed', 'skipped'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** An application's own copy of one stage of its loop. */
@Entity('application_stages')
@Index(['applicationId', 'position'], { unique: true })
export class ApplicationStage extends OwnedRecord {
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, (application) => application.stages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  /** 0-based order within the loop. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: StageType;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  checklist: string[];

  @Column({ type: 'text', default: 'upcoming' })
  status: StageStatus;

  @Column({ name: 'entered_at', type: 'timestamptz', nullable: true })
  enteredAt: Date | null;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;
}
