import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Person } from '../people/person.entity';
import type { AuthorSnapshot, ScholarlySource } from '../scholarly/index';

export const IDENTITY_STATUSES = ['linked', 'rejected'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

export const IDENTITY_SYNC_STATES = ['never', 'queued', 'running', 'ok', 'broken'] as const;
export type IdentitySyncState = (typeof IDENTITY_SYNC_STATES)[number];

/**
 * A person's id at one scholarly source, as the user linked it (or Dossier did, when the match was
 * unambiguous); `rejected` remembers a candidate the user said is someone else.
 */
@Entity('scholarly_identities')
@Index(['personId', 'source', 'sourceAuthorId'], { unique: true })
@Index(['userId', 'status'])
@Index(['source', 'sourceAuthorId'])
export class ScholarlyIdentity extends TimestampedOwnedRecord {
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @Column({ type: 'text' })
  source: ScholarlySource;

  @Column({ name: 'source_author_id', type: 'text' })
  sourceAuthorId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', default: 'linked' })
  status: IdentityStatus;

  /** `user`: confirmed or added by the user; `auto`: linked by Dossier on an unambiguous match. */
  @Column({ name: 'linked_by', type: 'text', default: 'user' })
  linkedBy: 'user' | 'auto';

  @Column({ name: 'sync_state', type: 'text', default: 'never' })
  syncState: IdentitySyncState;

  /** Why the source refused this identity (a 4xx other than 429); the sync stops retrying it. */
  @Column({ name: 'broken_reason', type: 'text', nullable: true })
  brokenReason: string | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  /** The cheap author record from the last sync: a scheduled sync re-lists works only when it changed. */
  @Column({ name: 'last_snapshot', type: 'jsonb', nullable: true })
  lastSnapshot: AuthorSnapshot | null;
}
