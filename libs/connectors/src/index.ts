export * from './registry';
export {
  MAX_WEBHOOK_EVENTS,
  validateWebhookBatchShape,
  webhookBatchShapeSchema,
  type WebhookBatch,
} from './webhook/webhook-batch';
