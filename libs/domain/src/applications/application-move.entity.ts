import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { Application, ApplicationStatus } from './application.entity';

/** The moves of the pipeline state machine, plus `apply` (created) and `reroute`. */
export const APPLICATION_MOVES = ['apply', 'advance', 'pass', 'fail', 'withdraw', 'offer', 'accept', 'decline', 'reroute'] as const;
export type ApplicationMoveKind = (typeof APPLICATION_MOVES)[number];

/** One recorded move: who, when, from where to where, and why. The application's history. */
@Entity('application_moves')
@Index(['applicationId', 'at'])
export class ApplicationMove extends OwnedRecord {
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ type: 'text' })
  move: ApplicationMoveKind;

  /** Who made the move: the account (today always the owner; kept for shared accounts later). */
  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  /** When it happened, which may be earlier than when it was recorded. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: ApplicationStatus;

  /** Stage names are copied: the history reads the same after stages are renamed. */
  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage: string | null;

  @Column({ name: 'to_stage', type: 'text', nullable: true })
  toStage: string | null;

  @Column({ name: 'from_stage_id', type: 'uuid', nullable: true })
  fromStageId: string | null;

  @Column({ name: 'to_stage_id', type: 'uuid', nullable: true })
  toStageId: string | null;

  /** For a reroute: the application on the other side of the link. */
  @Column({ name: 'related_application_id', type: 'uuid', nullable: true })
  relatedApplicationId: string | null;

  /**
   * For a reroute: the referrals the new application took over, on the failed application's side
   * the originals, on the new one's their copies. Referral ids, not people's, so that merging or
   * erasing a person needs nothing here (a referral erased with its referrer is no longer listed).
   */
  @Column({ name: 'carried_referral_ids', type: 'uuid', array: true, default: () => "'{}'" })
  carriedReferralIds: string[];

  /** For a reroute: whether the new application kept the failed one's recruiter. */
  @Column({ name: 'carried_recruiter', type: 'boolean', default: false })
  carriedRecruiter: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
