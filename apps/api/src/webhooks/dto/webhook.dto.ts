import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DOMAIN_EVENT_TYPES, DomainEventType } from '#domain/jobs/index';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DISABLED_REASONS, WebhookDelivery, WebhookDeliveryStatus, WebhookDisabledReason, WebhookEndpoint, WebhookWithSecret } from '#domain/webhooks/index';
import { PageQuery } from '../../common/page-query';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/dossier', description: 'https; plain http only into a network the server allows (WEBHOOK_ALLOWED_NETWORKS). Loopback, private, link-local and metadata addresses are refused.' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ example: 'Home automation', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ enum: DOMAIN_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, example: ['application.moved', 'interview.created'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DOMAIN_EVENT_TYPES.length)
  @IsIn(DOMAIN_EVENT_TYPES, { each: true })
  events: DomainEventType[];

  @ApiPropertyOptional({ description: 'Whether it receives events (on unless false)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Any of the fields; `enabled: true` also turns on an endpoint turned off for failing, its failure count starting over. */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

export class RollWebhookSecretDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 168, default: 24, description: 'Hours the previous secret keeps signing beside the new one (both signatures are sent); 0 ends it now' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(168)
  graceHours?: number;
}

export class WebhookDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class WebhookResponse {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: DOMAIN_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true }) events: DomainEventType[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ enum: WEBHOOK_DISABLED_REASONS, enumName: 'WebhookDisabledReason', nullable: true, description: 'user: turned off by you; failing: every delivery failed for days; restored: imported from an export, with a new secret to roll before turning it on' })
  disabledReason: WebhookDisabledReason | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The first failed attempt since the last success' }) failingSince: string | null;
  @ApiProperty({ description: 'Failed attempts since the last success' }) consecutiveFailures: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the secret before the last roll still signs' }) previousSecretExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(e: WebhookEndpoint): WebhookResponse {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      id: e.id,
      url: e.url,
      description: e.description,
      events: e.events,
      enabled: e.enabled,
      disabledReason: e.disabledReason,
      disabledAt: iso(e.disabledAt),
      failingSince: iso(e.failingSince),
      consecutiveFailures: e.consecutiveFailures,
      lastSuccessAt: iso(e.lastSuccessAt),
      previousSecretExpiresAt: e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date() ? e.previousSecretExpiresAt.toISOString() : null,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }
}

export class WebhookWithSecretResponse {
  @ApiProperty({ type: WebhookResponse }) endpoint: WebhookResponse;
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown this once: keep it with the receiver, which verifies the webhook-signature header with it (Standard Webhooks)' })
  secret: string;

  static from(r: WebhookWithSecret): WebhookWithSecretResponse {
    return { endpoint: WebhookResponse.from(r.endpoint), secret: r.secret };
  }
}

export class WebhooksList {
  @ApiProperty({ type: [WebhookResponse] }) items: WebhookResponse[];
  @ApiProperty({ enum: DOMAIN_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, description: 'Every event an endpoint may choose' }) events: DomainEventType[];
}

export class WebhookDeliveryResponse {
  @ApiProperty({ description: 'Sent as the webhook-id header' }) id: string;
  @ApiProperty({ example: 'application.moved', description: 'An event type, or webhook.ping for a test' }) eventType: string;
  @ApiProperty({ type: String, nullable: true }) eventId: string | null;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' }) status: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts made so far' }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, description: "The latest attempt's response code" }) responseStatus: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The latest attempt's duration" }) durationMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'What went wrong on the latest attempt' }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;

  static from(d: WebhookDelivery): WebhookDeliveryResponse {
    return {
      id: d.id,
      eventType: d.eventType,
      eventId: d.eventId,
      status: d.status,
      attempts: d.attempts,
      responseStatus: d.responseStatus,
      durationMs: d.durationMs,
      error: d.error,
      createdAt: d.createdAt.toISOString(),
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    };
  }
}

export class WebhookDeliveriesPage {
  @ApiProperty({ type: [WebhookDeliveryResponse], description: 'Newest first' }) items: WebhookDeliveryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
