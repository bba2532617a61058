import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  NOTIFICATION_LIMITS,
  ROLES,
  type AlertRuleView,
  type DeliveryView,
  type DigestPreview,
  type NotificationSettings,
} from '@uptake/contracts';
import { CurrentPrincipal, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import {
  AlertRuleDto,
  AlertRuleInputDto,
  DeliveriesQueryDto,
  DeliveryDto,
  DigestPreviewDto,
  NotificationSettingsDto,
  NotificationSettingsInputDto,
} from './notifications.dtos';
import { callerOf, NotificationsService } from './notifications.service';
import { RendersDocuments } from '../common/render-slot';

const MEMBERS = [...ROLES];

/** A member's own digest and alerts: every role has them (what they hold follows the role). */
@ApiTags('notifications')
@Controller('organisations/:organisationId/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('settings')
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({
    summary: 'My digest schedule and quiet hours (defaults: weekly, Monday 08:00, no quiet hours)',
    description: 'Signed-in members only: an API token has no notifications (403).',
  })
  @ApiOkResponse({ type: NotificationSettingsDto.Output })
  settings(
    @Param('organisationId', UUID) organisationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationSettings> {
    return this.notifications.settings(organisationId, callerOf(principal, organisationId));
  }

  @Put('settings')
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({ summary: 'Set my digest schedule and quiet hours (times in the organisation’s time zone)' })
  @ApiOkResponse({ type: NotificationSettingsDto.Output })
  @ApiBadRequestResponse({ description: 'A field is invalid (the message names it)' })
  saveSettings(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: NotificationSettingsInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationSettings> {
    return this.notifications.saveSettings(organisationId, callerOf(principal, organisationId), body);
  }

  @Post('digest/preview')
  @RendersDocuments()
  @HttpCode(HttpStatus.OK)
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({
    summary: 'My digest rendered now (HTML with inline charts, and text), not sent',
    description: 'Aggregates only, as the scheduled digest: figures about fewer than k people are withheld.',
  })
  @ApiOkResponse({ type: DigestPreviewDto.Output })
  preview(
    @Param('organisationId', UUID) organisationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DigestPreview> {
    return this.notifications.preview(organisationId, callerOf(principal, organisationId));
  }

  @Get('alert-rules')
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({ summary: 'My alert rules, oldest first' })
  @ApiOkResponse({ type: [AlertRuleDto.Output] })
  rules(
    @Param('organisationId', UUID) organisationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertRuleView[]> {
    return this.notifications.rules(organisationId, callerOf(principal, organisationId));
  }

  @Post('alert-rules')
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({
    summary: 'Create an alert rule',
    description:
      `At most ${NOTIFICATION_LIMITS.alertRulesPerMember} per member. Gate and KPI alerts are for admins, change managers ` +
      'and executives, source alerts for admins and connector maintainers (403 otherwise); slack and teams ' +
      'need the organisation’s webhook set up (400 otherwise); a plan, source, unit or group must be the ' +
      'organisation’s (404).',
  })
  @ApiCreatedResponse({ type: AlertRuleDto.Output })
  @ApiBadRequestResponse({
    description: 'A field is invalid, a channel is not set up, or the member has 50 rules',
  })
  createRule(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: AlertRuleInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertRuleView> {
    return this.notifications.createRule(organisationId, callerOf(principal, organisationId), body);
  }

  @Put('alert-rules/:ruleId')
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({
    summary: 'Replace one of my alert rules (a changed condition starts watching afresh)',
  })
  @ApiOkResponse({ type: AlertRuleDto.Output })
  @ApiBadRequestResponse({ description: 'A field is invalid, or a channel is not set up' })
  updateRule(
    @Param('organisationId', UUID) organisationId: string,
    @Param('ruleId', UUID) ruleId: string,
    @Body() body: AlertRuleInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertRuleView> {
    return this.notifications.updateRule(organisationId, callerOf(principal, organisationId), ruleId, body);
  }

  @Delete('alert-rules/:ruleId')
  @OrganisationRoles(...MEMBERS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete one of my alert rules (its deliveries stay in the log)' })
  @ApiNoContentResponse()
  async deleteRule(
    @Param('organisationId', UUID) organisationId: string,
    @Param('ruleId', UUID) ruleId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.notifications.deleteRule(organisationId, callerOf(principal, organisationId), ruleId);
  }

  @Get('deliveries')
  @OrganisationRoles(...MEMBERS)
  @ApiOperation({
    summary: 'The delivery log: every digest and alert sent or tried',
    description:
      'Admins see the organisation’s, other members their own. Newest first, at most 200 a page; continue with ?before=<last id>.',
  })
  @ApiOkResponse({ type: [DeliveryDto.Output] })
  deliveries(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: DeliveriesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView[]> {
    return this.notifications.deliveries(organisationId, principal, query);
  }
}
