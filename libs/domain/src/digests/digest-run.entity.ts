import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from '../accounts/user.entity';

/**
 * pending: claimed by a tick, not yet handed to the mail module (a tick that died leaves it; the
 * next tick takes it back after a while); sent: handed over; empty: nothing was in it, so nothing
 * was sent.
 */
export const DIGEST_RUN_STATUSES = ['pending', 'sent', 'empty'] as const;
export type DigestRunStatus = (typeof DIGEST_RUN_STATUSES)[number];

/** One account's digest of one day (the day where the account lives): at most one per day, whatever the ticks do. */
@Entity('digest_runs')
export class DigestRun {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_digest_runs' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_digest_runs_user' })
  user?: Relation<User>;

  /** The account's local day (yyyy-mm-dd) the digest is for. */
  @PrimaryColumn({ name: 'local_date', type: 'date', primaryKeyConstraintName: 'PK_digest_runs' })
  localDate: string;

  @Column({ type: 'text' })
  status: DigestRunStatus;

  /** When a tick claimed it; new works are those since the previous digest's claim. */
  @Column({ name: 'composed_at', type: 'timestamptz' })
  composedAt: Date;

  /** How many lines it held (0 for an empty day). */
  @Column({ type: 'integer', default: 0 })
  items: number;
}
