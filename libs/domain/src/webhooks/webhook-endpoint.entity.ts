import { Column, Entity, Index } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import type { DomainEventType } from '../jobs/index';

/** Why an endpoint receives nothing: the user turned it off, it failed for days, or it came from an export with a new secret. */
export const WEBHOOK_DISABLED_REASONS = ['user', 'failing', 'restored'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/** A URL of the user's that receives the events they chose, signed with its own secret. */
@Entity('webhook_endpoints')
@Index(['userId', 'createdAt'])
export class WebhookEndpoint extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: '{}' })
  events: DomainEventType[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: WebhookDisabledReason | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** The signing secret (`whsec_…`), sealed with the server key for this endpoint. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** The secret before the last roll, still signing (beside the new one) until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true })
  previousSecretSealed: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** The first failed attempt since the last success; null while deliveries succeed. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;
}
