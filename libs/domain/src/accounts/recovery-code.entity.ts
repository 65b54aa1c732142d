import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OwnedRecord } from './owned-record.entity';

/**
 * One of the ten codes that sign in instead of the authenticator, each once. Stored as a SHA-256 of
 * the code: the codes carry 80 random bits, so the hash cannot be reversed by guessing, and it does
 * not depend on the server key (a lost key leaves the codes usable, as a way back in).
 */
@Entity('two_factor_recovery_codes')
@Index(['userId', 'codeHash'], { unique: true })
export class RecoveryCode extends OwnedRecord {
  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
