import { Module } from '@nestjs/common';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * Digests and alerts: a member's schedule, quiet hours and alert rules, the organisation's webhooks, the
 * delivery log and the digest preview. The worker schedules and sends (apps/worker/src/app/notifications).
 */
@Module({
  controllers: [NotificationChannelsController, NotificationsController],
  providers: [NotificationsService, NotificationChannelsService],
})
export class NotificationsModule {}
