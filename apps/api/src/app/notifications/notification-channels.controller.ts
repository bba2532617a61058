import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  type PipeTransform,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  WEBHOOK_CHANNELS,
  type ChannelTestResult,
  type WebhookChannel,
  type WebhookChannelsView,
  type WebhookChannelView,
} from '@uptake/contracts';
import { CurrentPrincipal, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import { NotificationChannelsService } from './notification-channels.service';
import {
  ChannelTestResultDto,
  WebhookChannelDto,
  WebhookChannelInputDto,
  WebhookChannelsDto,
} from './notifications.dtos';

/** `:channel` is slack or teams; anything else is a 400 saying so. */
class WebhookChannelPipe implements PipeTransform<string, WebhookChannel> {
  transform(value: string): WebhookChannel {
    if ((WEBHOOK_CHANNELS as readonly string[]).includes(value)) return value as WebhookChannel;
    throw new BadRequestException(`channel must be one of ${WEBHOOK_CHANNELS.join(', ')}`);
  }
}
const CHANNEL = new WebhookChannelPipe();
const channelParam = ApiParam({ name: 'channel', enum: WEBHOOK_CHANNELS });

/** The organisation's Slack and Teams incoming webhooks (admins only; the URL is write-only). */
@ApiTags('notifications')
@Controller('organisations/:organisationId/notifications/channels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Get()
  @OrganisationRoles('admin')
  @ApiOperation({ summary: 'Slack and Teams webhooks: whether each is set, and its host (never the URL)' })
  @ApiOkResponse({ type: WebhookChannelsDto.Output })
  list(@Param('organisationId', UUID) organisationId: string): Promise<WebhookChannelsView> {
    return this.channels.list(organisationId);
  }

  @Put(':channel')
  @OrganisationRoles('admin')
  @channelParam
  @ApiOperation({
    summary: 'Set a webhook URL (stored encrypted; audited as notifications.channel_changed, host only)',
    description: 'Not contacted here: POST …/test sends a test message.',
  })
  @ApiOkResponse({ type: WebhookChannelDto.Output })
  @ApiBadRequestResponse({ description: 'Not an https:// URL (http:// only on localhost), or too long' })
  put(
    @Param('organisationId', UUID) organisationId: string,
    @Param('channel', CHANNEL) channel: WebhookChannel,
    @Body() body: WebhookChannelInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookChannelView> {
    return this.channels.put(organisationId, channel, body, principal);
  }

  @Delete(':channel')
  @OrganisationRoles('admin')
  @channelParam
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Remove a webhook (alerts to it then fail as not set up); audited as notifications.channel_removed',
  })
  @ApiNoContentResponse()
  async remove(
    @Param('organisationId', UUID) organisationId: string,
    @Param('channel', CHANNEL) channel: WebhookChannel,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.channels.remove(organisationId, channel, principal);
  }

  @Post(':channel/test')
  @OrganisationRoles('admin')
  @channelParam
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send a test message to the webhook now; the answer says how the receiver replied',
    description: 'Waits at most 10 s for the receiver. Logged as a `test` delivery.',
  })
  @ApiOkResponse({ type: ChannelTestResultDto.Output })
  @ApiConflictResponse({ description: 'The channel is not set up' })
  test(
    @Param('organisationId', UUID) organisationId: string,
    @Param('channel', CHANNEL) channel: WebhookChannel,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChannelTestResult> {
    return this.channels.test(organisationId, channel, principal);
  }
}
