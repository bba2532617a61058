import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type {
  ApiTokenView,
  AuditEventView,
  CreatedApiToken,
  InvitationView,
  Member,
} from '@uptake/contracts';
import { AuditService } from '../audit/audit.service';
import { AccessTokensService } from '../auth/access-tokens.service';
import { CurrentPrincipal, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { LimitQuery, ListQuery } from '../common/list.query';
import {
  ApiTokenDto,
  AuditEventDto,
  ChangeRoleDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
  InvitationDto,
  InviteMemberDto,
  MemberDto,
  toApiTokenView,
  toAuditEventView,
  toMemberView,
} from './members.dtos';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { UUID } from '../common/params';

/** Administration of one organisation: members, invitations and roles, API tokens, audit log. Admins only. */
@ApiTags('administration')
@Controller('organisations/:organisationId')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly tokens: AccessTokensService,
    private readonly audit: AuditService,
  ) {}

  @Get('members')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: [MemberDto] })
  async list(@Param('organisationId', UUID) organisationId: string): Promise<Member[]> {
    return (await this.members.list(organisationId)).map(toMemberView);
  }

  @Post('members')
  @OrganisationRoles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Invite someone: an e-mail with a one-time link goes to the address',
    description:
      'The same answer whether or not an account with this address exists; the link is never returned. ' +
      'Whoever opens it chooses the password of a new account, or proves the existing one, before the ' +
      'membership exists. Inviting an address again replaces its open invitation.',
  })
  @ApiAcceptedResponse({ type: InvitationDto })
  @ApiConflictResponse({ description: 'Already a member of this organisation' })
  @ApiServiceUnavailableResponse({ description: 'The e-mail could not be sent' })
  invite(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: InviteMemberDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InvitationView> {
    return this.invitations.invite(organisationId, body, principal);
  }

  @Get('invitations')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: [InvitationDto], description: 'Newest first, with their status' })
  listInvitations(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: LimitQuery,
  ): Promise<InvitationView[]> {
    return this.invitations.list(organisationId, query.limit);
  }

  @Delete('invitations/:invitationId')
  @OrganisationRoles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: its link no longer works' })
  async revokeInvitation(
    @Param('organisationId', UUID) organisationId: string,
    @Param('invitationId', UUID) invitationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.invitations.revoke(organisationId, invitationId, principal);
  }

  @Patch('members/:userId')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: MemberDto })
  @ApiConflictResponse({ description: 'Would leave the organisation without an admin' })
  async changeRole(
    @Param('organisationId', UUID) organisationId: string,
    @Param('userId', UUID) userId: string,
    @Body() body: ChangeRoleDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Member> {
    return toMemberView(await this.members.changeRole(organisationId, userId, body.role, principal));
  }

  @Delete('members/:userId')
  @OrganisationRoles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Would leave the organisation without an admin' })
  async remove(
    @Param('organisationId', UUID) organisationId: string,
    @Param('userId', UUID) userId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.members.remove(organisationId, userId, principal);
  }

  @Get('api-tokens')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: [ApiTokenDto] })
  async listTokens(@Param('organisationId', UUID) organisationId: string): Promise<ApiTokenView[]> {
    return (await this.tokens.listApiTokens(organisationId)).map(toApiTokenView);
  }

  @Post('api-tokens')
  @OrganisationRoles('admin')
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  async createToken(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: CreateApiTokenDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedApiToken> {
    const { token, record } = await this.tokens.createApiToken({
      organisationId,
      role: body.role,
      name: body.name,
      createdBy: principal.userId,
      expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null,
    });
    await this.audit.record({
      action: 'api_token.created',
      organisationId,
      principal,
      targetType: 'api_token',
      targetId: record.id,
      details: { name: body.name, role: body.role },
    });
    return { ...toApiTokenView(record), token };
  }

  @Delete('api-tokens/:tokenId')
  @OrganisationRoles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: the next request with it is refused' })
  async revokeToken(
    @Param('organisationId', UUID) organisationId: string,
    @Param('tokenId', UUID) tokenId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    if (!(await this.tokens.revoke(tokenId, { organisationId })))
      throw new NotFoundException(`API token ${tokenId} not found`);
    await this.audit.record({
      action: 'api_token.revoked',
      organisationId,
      principal,
      targetType: 'api_token',
      targetId: tokenId,
    });
  }

  @Get('audit-events')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: [AuditEventDto], description: 'Newest first; continue with ?before=<last id>' })
  async auditEvents(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: ListQuery,
  ): Promise<AuditEventView[]> {
    return (await this.audit.list(organisationId, query)).map(toAuditEventView);
  }
}
