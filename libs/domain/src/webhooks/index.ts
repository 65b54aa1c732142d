export * from './webhook-delivery.entity';
export * from './webhook-endpoint.entity';
export * from './webhook-signature';
export * from './webhook-target';
export * from './webhooks.errors';
export * from './webhooks.export';
export * from './webhooks.module';
export * from './webhooks.service';
export { eraseFromWebhookDeliveries } from './webhook-erasure';
