import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import type { ScholarlySource } from '../scholarly/index';
import { ScholarlyIdentity } from '../scholarly-identities/scholarly-identity.entity';

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'skipped', 'failed', 'broken'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** One sync of one identity: what it asked the source, and what changed. */
@Entity('sync_runs')
@Index(['userId', 'personId', 'startedAt'])
export class SyncRun extends OwnedRecord {
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'identity_id', type: 'uuid' })
  identityId: string;

  @ManyToOne(() => ScholarlyIdentity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identity_id' })
  identity?: Relation<ScholarlyIdentity>;

  @Column({ type: 'text' })
  source: ScholarlySource;

  /** `manual`: POST on the person; `schedule`: the job scheduler. */
  @Column({ type: 'text' })
  trigger: 'manual' | 'schedule';

  @Column({ type: 'text', default: 'running' })
  status: SyncRunStatus;

  @Column({ type: 'integer', default: 0 })
  requests: number;

  @Column({ name: 'works_new', type: 'integer', default: 0 })
  worksNew: number;

  @Column({ name: 'works_updated', type: 'integer', default: 0 })
  worksUpdated: number;

  @Column({ name: 'works_unchanged', type: 'integer', default: 0 })
  worksUnchanged: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: string[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
