import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';

/** What happened to an account's credentials, as its owner reads it at GET /me/security-events. */
export const SECURITY_EVENT_KINDS = [
  'sign-in',
  'sign-in-failed',
  'two-factor-enabled',
  'two-factor-disabled',
  'recovery-code-used',
  'recovery-codes-regenerated',
  'password-changed',
  'token-created',
  'token-revoked',
  'session-revoked',
  'feed-rotated',
  'feed-revoked',
  'export-made',
  'webhook-disabled',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/** Facts about the event (ids, names, counts): never a password, a token or a secret URL. */
export type SecurityEventDetails = Record<string, string | number | boolean | null | string[]>;

@Entity('security_events')
@Index(['userId', 'at'])
export class SecurityEvent extends OwnedRecord {
  @Column({ type: 'text' })
  kind: SecurityEventKind;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'jsonb' })
  details: SecurityEventDetails;
}
