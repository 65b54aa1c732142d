import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/**
 * pending: waiting for its first or next attempt; succeeded: a 2xx answer; failed: every attempt
 * failed; refused: the target resolved to an address deliveries may not reach (never contacted);
 * cancelled: the endpoint was turned off before it went out.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'refused', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The event type of a test ping, which every endpoint receives whatever it chose. */
export const WEBHOOK_PING = 'webhook.ping';

/** One message to one endpoint, with the outcome of its latest attempt. Its id is the `webhook-id` header. */
@Entity('webhook_deliveries')
@Index(['endpointId', 'createdAt'])
@Index(['userId'])
@Index(['eventId'])
export class WebhookDelivery extends OwnedRecord {
  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: Relation<WebhookEndpoint>;

  /** The event's id (the same for every endpoint it went to); null for a ping. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  /** The JSON body sent, the same on every attempt (only the timestamp and signature change). */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  /** What went wrong on the latest attempt (a refusal, a timeout, an answer that was not 2xx); never a secret. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;
}
