import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per account (the email tried, whether or not it exists) and per client
 * address, shared by every API process. `key` is a keyed hash of `account:<email>` or
 * `address:<ip>`, so the table holds neither emails nor addresses. See SignInThrottleService.
 */
@Entity('sign_in_throttles')
export class SignInThrottle {
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Attempts counted as failed, decaying by half every few hours (as of `updatedAt`). */
  @Column({ type: 'double precision' })
  failures: number;

  @Index()
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** No attempt is let through before this time. */
  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
