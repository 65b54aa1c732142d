import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DOMAIN_EVENT_TYPES } from '#domain/jobs/index';
import { WebhooksService } from '#domain/webhooks/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateWebhookDto, RollWebhookSecretDto, UpdateWebhookDto, WebhookDeliveriesPage, WebhookDeliveriesQuery, WebhookDeliveryResponse, WebhookResponse, WebhooksList, WebhookWithSecretResponse } from './dto/webhook.dto';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'Your webhook endpoints, oldest first, and the events they may choose' })
  @ApiOkResponse({ type: WebhooksList })
  async list(@CurrentUserId() userId: string): Promise<WebhooksList> {
    return { items: (await this.webhooks.list(userId)).map(WebhookResponse.from), events: [...DOMAIN_EVENT_TYPES] };
  }

  @Post()
  @ApiOperation({ summary: 'Register an endpoint: its signing secret is in this answer only' })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  async create(@CurrentUserId() userId: string, @Body() body: CreateWebhookDto): Promise<WebhookWithSecretResponse> {
    return WebhookWithSecretResponse.from(await this.webhooks.create(userId, body));
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookResponse })
  @ApiNotFoundResponse()
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.webhooks.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, description or events; turn it off, or on again' })
  @ApiOkResponse({ type: WebhookResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateWebhookDto): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.webhooks.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.webhooks.remove(userId, id);
  }

  @Post(':id/roll-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the previous one keeps signing beside it for the grace period' })
  @ApiOkResponse({ type: WebhookWithSecretResponse })
  async roll(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: RollWebhookSecretDto): Promise<WebhookWithSecretResponse> {
    return WebhookWithSecretResponse.from(await this.webhooks.rollSecret(userId, id, body.graceHours));
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a test message (webhook.ping), even to an endpoint that is off; follow it in the delivery log' })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  async ping(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<WebhookDeliveryResponse> {
    return WebhookDeliveryResponse.from(await this.webhooks.ping(userId, id));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The endpoint's delivery log, newest first: status, attempts, and the latest attempt's response code, duration and error" })
  @ApiOkResponse({ type: WebhookDeliveriesPage })
  async deliveries(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Query() query: WebhookDeliveriesQuery): Promise<WebhookDeliveriesPage> {
    const page = await this.webhooks.deliveries(userId, id, query);
    return { ...page, items: page.items.map(WebhookDeliveryResponse.from) };
  }
}
