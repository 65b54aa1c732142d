import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from './user.entity';

/**
 * A user's authenticator (TOTP) enrolment: pending until a first code confirms it, then on. The seed
 * is a secret that would let anyone make codes, so it is kept sealed (AES-256-GCM under the server
 * key, bound to the user's id), never in the clear.
 */
@Entity('user_two_factor')
export class UserTwoFactor {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The base32 seed, sealed: see SecretKeyring.seal. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** Null while the enrolment waits for its first code. */
  @Column({ name: 'enabled_at', type: 'timestamptz', nullable: true })
  enabledAt: Date | null;

  /** The last TOTP time step accepted: a code of this step or an earlier one is never accepted again. */
  @Column({ name: 'last_used_step', type: 'integer', nullable: true })
  lastUsedStep: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
