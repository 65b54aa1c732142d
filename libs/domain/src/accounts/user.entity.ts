import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
