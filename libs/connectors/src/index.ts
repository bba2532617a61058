export * from './registry';
export { MAX_WEBHOOK_EVENTS, validateWebhookBatchShape, type WebhookBatch } from './webhook/webhook-batch';
