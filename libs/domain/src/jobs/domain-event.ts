/**
 * What happens in an account that tools outside Dossier may want to hear about. A module announces
 * its events through `DomainEvents` (domain-events.ts); the webhooks module delivers them to the
 * endpoints that chose them. No module that announces imports webhooks.
 */
export const DOMAIN_EVENT_TYPES = [
  'application.moved',
  'application.rerouted',
  'interview.created',
  'interview.updated',
  'briefing.ready',
  'works.new',
  'sync.failed',
  'follow-up.due',
  'task.due',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** Facts about the event: ids, names, dates, counts. Never a secret, never a whole record. */
export type DomainEventData = Record<string, string | number | boolean | null | string[] | Record<string, string | number | boolean | null>>;

export interface DomainEvent {
  /** Unique per event; a retried fan-out is the same event. */
  id: string;
  userId: string;
  type: DomainEventType;
  /** ISO 8601, when it happened. */
  occurredAt: string;
  data: DomainEventData;
}

export function isDomainEventType(value: unknown): value is DomainEventType {
  return typeof value === 'string' && (DOMAIN_EVENT_TYPES as readonly string[]).includes(value);
}
