import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Person } from '../people/person.entity';

export const INTERACTION_TYPES = ['message', 'call', 'meeting', 'conference_chat', 'email', 'comment'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/** One touch-point with a person. */
@Entity('interactions')
@Index(['personId', 'occurredAt'])
export class Interaction extends TimestampedOwnedRecord {
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @Column({ type: 'text' })
  type: InteractionType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Where it happened: LinkedIn, X, email, NeurIPS poster session… */
  @Column({ type: 'text', nullable: true })
  channel: string | null;

  @Column({ type: 'text' })
  summary: string;

  /** What the user offered or gave (a review, an intro, a PR): the relationship is two-way. */
  @Column({ type: 'text', nullable: true })
  offered: string | null;

  /** What the user asked of them (an intro, a referral, advice): counted so nobody is asked too often. */
  @Column({ type: 'text', nullable: true })
  asked: string | null;
}
