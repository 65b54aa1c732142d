import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { SECRET_KEYRING, SecretKeyring } from '#platform';
import { AccountExportPart, ExportContext, ExportPart, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { DOMAIN_EVENT_TYPES, DomainEventType } from '../jobs/index';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { newWebhookSecret, webhookSecretContext } from './webhook-signature';

/**
 * A webhook endpoint as the export holds it: where and what, never its signing secret. The export
 * is a file that travels (a backup, another server); a secret in it would be a secret in the clear,
 * and the server key that seals it here does not travel with it. A restored endpoint gets a new
 * secret and stays off until its owner rolls the secret (seeing the new one), gives it to the
 * receiver and turns the endpoint on. Deliveries are not exported: they are a log of this server's sending.
 */
export class ExportedWebhookEndpointDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() @MaxLength(2000) url: string;
  @ApiProperty() @IsString() @MaxLength(500) description: string;
  @ApiProperty({ enum: DOMAIN_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true }) @IsArray() @ArrayMaxSize(DOMAIN_EVENT_TYPES.length) @IsIn(DOMAIN_EVENT_TYPES, { each: true }) events: DomainEventType[];
  @ApiProperty({ description: 'Whether it was on when exported; a restored endpoint starts off' }) @IsBoolean() enabled: boolean;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
}

type WebhooksSection = { webhookEndpoints?: ExportedWebhookEndpointDto[] };


@Injectable()
@ExportPart({ name: 'webhooks', schema: { webhookEndpoints: sectionOf(ExportedWebhookEndpointDto, { since: 'Added with webhooks; absent in older documents. Without signing secrets' }) } })
export class WebhooksExport implements AccountExportPart<WebhooksSection> {
  constructor(@Inject(SECRET_KEYRING) private readonly keyring: SecretKeyring) {}

  async exportPart(userId: string, { em }: ExportContext): Promise<WebhooksSection> {
    const endpoints = await em.find(WebhookEndpoint, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { webhookEndpoints: endpoints.map((e) => recordOf(ExportedWebhookEndpointDto, e)) };
  }

  async restorePart(userId: string, doc: WebhooksSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('webhookEndpoints');
    const now = new Date();
    await ctx.write(
      WebhookEndpoint,
      ids.allocate(doc.webhookEndpoints ?? []).map((e) => {
        const id = ids.get(e.id)!;
        return {
          id,
          userId,
          url: e.url,
          description: e.description,
          events: e.events,
          enabled: false,
          disabledReason: 'restored' as const,
          disabledAt: now,
          secretSealed: this.keyring.seal(newWebhookSecret(), webhookSecretContext(id)),
          createdAt: new Date(e.createdAt),
        };
      }),
    );
  }

  async hasData(em: EntityManager, userId: string): Promise<boolean> {
    return em.existsBy(WebhookEndpoint, { userId });
  }
}
