import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Person } from '../people/person.entity';
import { WorkRecord } from './work-record.entity';

export const ATTRIBUTION_STATUSES = ['confirmed', 'unconfirmed'] as const;
/** What the evidence says: confirmed (something besides the name query ties the entry to the person) or not. */
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];

export const ATTRIBUTION_DECISIONS = ['accepted', 'rejected'] as const;
/** What the user said, which always wins over the evidence. */
export type AttributionDecision = (typeof ATTRIBUTION_DECISIONS)[number];

export const ATTRIBUTION_EVIDENCE_KINDS = ['identity', 'name', 'coauthors', 'fields', 'name-form'] as const;
export type AttributionEvidenceKind = (typeof ATTRIBUTION_EVIDENCE_KINDS)[number];

export interface AttributionEvidence {
  kind: AttributionEvidenceKind;
  /** In words, for the user: which identity, which spelling, which co-authors or categories. */
  detail: string;
}

/**
 * Whether one record that a name query attributes to a person (an arXiv author query matched one
 * of its authors) is the person's. Sources without author ids list namesakes too, so such a
 * record counts only when the evidence confirms it or the user accepted it (see attribution.ts);
 * until then it is held back from the person's works and everything built on them. Private to
 * the person's user, as the person is; the user's decision survives every later sync.
 * No row: not evaluated yet (records ingested before a sync step evaluated them): counted.
 */
@Entity('work_attributions')
@Index(['userId'])
export class WorkAttribution {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => WorkRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: Relation<WorkRecord>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  status: AttributionStatus;

  /** Every piece of evidence found at the last evaluation; empty when unconfirmed. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence: AttributionEvidence[];

  @Column({ type: 'text', nullable: true })
  decision: AttributionDecision | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt: Date;
}
