import { Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Organization } from '../organizations/organization.entity';
import { Team } from '../organizations/team.entity';
import type { PersonLinks } from '../shared/text/index';

export const RELATIONSHIP_STAGES = ['stranger', 'acquainted', 'engaged', 'advocate'] as const;
export type RelationshipStage = (typeof RELATIONSHIP_STAGES)[number];

@Entity('people')
@Index(['userId', 'nameFolded'])
@Index(['userId', 'nextFollowUpAt'])
@Index(['userId', 'createdAt'])
// An expression index on links->>'linkedin', written by hand in the migration.
@Index('IDX_people_linkedin', { synchronize: false })
export class Person extends TimestampedOwnedRecord {
  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'given_name', type: 'text', nullable: true })
  givenName: string | null;

  @Column({ name: 'family_name', type: 'text', nullable: true })
  familyName: string | null;

  /** Accent- and case-folded full name, for search and duplicate detection. */
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Column({ type: 'text', nullable: true })
  headline: string | null;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team> | null;

  /** Normalized (lower-cased) addresses. */
  @Index('IDX_people_emails', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  /** Phone numbers as written (spacing tidied), each once by its digits. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  /** Normalized profile links by kind (see person-links.ts). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  links: PersonLinks;

  /** GIN, so `tags @> ARRAY[tag]` (the ?tag= filter of GET /people) is answered from the index. */
  @Index('IDX_people_tags', { type: 'gin' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'how_we_met', type: 'text', nullable: true })
  howWeMet: string | null;

  @Column({ name: 'relationship_stage', type: 'text', default: 'stranger' })
  relationshipStage: RelationshipStage;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The next time the user means to reach out. */
  @Column({ name: 'next_follow_up_at', type: 'date', nullable: true })
  nextFollowUpAt: string | null;

  /** Why the next follow-up is due, when Dossier suggested it (e.g. thank them for a referral). */
  @Column({ name: 'next_follow_up_reason', type: 'text', nullable: true })
  nextFollowUpReason: string | null;

  /** Keep-in-touch cadence: logging an interaction sets the next follow-up this many days later. */
  @Column({ name: 'follow_up_cadence_days', type: 'integer', nullable: true })
  followUpCadenceDays: number | null;

  @Column({ name: 'last_interaction_at', type: 'timestamptz', nullable: true })
  lastInteractionAt: Date | null;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt: Date | null;
}
