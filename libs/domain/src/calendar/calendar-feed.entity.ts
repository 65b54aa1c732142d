import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';

/**
 * A user's secret calendar feed. Calendar apps cannot send a bearer header, so the secret is in
 * the URL; only its SHA-256 is stored, and revoking deletes the row.
 */
@Entity('calendar_feeds')
// One feed per account.
@Index(['userId'], { unique: true })
export class CalendarFeed extends OwnedRecord {
  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
