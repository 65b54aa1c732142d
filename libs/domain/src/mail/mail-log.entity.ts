import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import type { MailKind, MailStatus } from './mail.types';

/** One mail Dossier sent or tried to send: when, what kind, to whom, how it went. Never its body. */
@Entity('mail_log')
@Index('IDX_mail_log_user_created', ['userId', 'createdAt'])
@Index('IDX_mail_log_user_dedupe', ['userId', 'dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
export class MailLogEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_mail_log' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_mail_log_user' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  kind: MailKind;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  status: MailStatus;

  /** Attempts made to hand it to the SMTP server. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The last refusal or failure, as the server or the connection gave it. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
