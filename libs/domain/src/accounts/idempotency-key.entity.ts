import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from './user.entity';

/**
 * A write the user's client asked for with an `Idempotency-Key` header, and the answer it got: the
 * same key again (a retry after a lost connection, a second click) gets that answer back instead of
 * doing the write twice. Kept for a day; `status` is null while the first request is still running.
 */
@Entity('idempotency_keys')
@Index(['userId', 'createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** The method, path and body the key was first used with, hashed: another request may not reuse it. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** The answer's content-type and location, as sent. */
  @Column({ type: 'jsonb', nullable: true })
  headers: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
