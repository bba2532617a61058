import {
  alertRuleInputSchema,
  alertRuleSchema,
  channelTestResultSchema,
  deliveriesQuerySchema,
  deliverySchema,
  digestPreviewSchema,
  notificationSettingsInputSchema,
  notificationSettingsSchema,
  webhookChannelInputSchema,
  webhookChannelSchema,
  webhookChannelsSchema,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';

export class NotificationSettingsInputDto extends createZodDto(notificationSettingsInputSchema) {}
export class NotificationSettingsDto extends createZodDto(notificationSettingsSchema) {}
export class AlertRuleInputDto extends createZodDto(alertRuleInputSchema) {}
export class AlertRuleDto extends createZodDto(alertRuleSchema) {}
export class DeliveriesQueryDto extends createZodDto(deliveriesQuerySchema) {}
export class DeliveryDto extends createZodDto(deliverySchema) {}
export class DigestPreviewDto extends createZodDto(digestPreviewSchema) {}
export class WebhookChannelInputDto extends createZodDto(webhookChannelInputSchema) {}
export class WebhookChannelDto extends createZodDto(webhookChannelSchema) {}
export class WebhookChannelsDto extends createZodDto(webhookChannelsSchema) {}
export class ChannelTestResultDto extends createZodDto(channelTestResultSchema) {}
