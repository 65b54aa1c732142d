import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `admin`: the server's operator (the first account): users, invitations, the queue dashboard. */
export type UserRole = 'admin' | 'user';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; the login name. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** `scrypt$N$r$p$salt$hash`, see password-hasher.ts. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** IANA zone used when dates are shown to this user (briefings, calendar). */
  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone: string;

  @Column({ type: 'text', default: 'user' })
  role: UserRole;

  /** Set by an admin: the account cannot sign in and its tokens are refused until enabled again. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  /** Works that arrived after this are "new" on Today (GET /new-works); set by POST /new-works/seen. Null: never looked, so since the account was created. */
  @Column({ name: 'works_seen_at', type: 'timestamptz', nullable: true })
  worksSeenAt: Date | null;

  /**
   * The account's publication-sync cadence in hours, for its people without one of their own (PUT
   * /me/sync-schedule). Null: the server's SYNC_DEFAULT_EVERY_HOURS, unless paused.
   */
  @Column({ name: 'sync_every_hours', type: 'integer', nullable: true })
  syncEveryHours: number | null;

  /** The account paused scheduled sync of its people without a cadence of their own (syncEveryHours is then null). */
  @Column({ name: 'sync_paused', type: 'boolean', default: false })
  syncPaused: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
