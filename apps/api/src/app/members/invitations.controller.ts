import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AcceptedInvitationView, InvitationPreview } from '@uptake/contracts';
import type { Request, Response } from 'express';
import { AccessTokensService } from '../auth/access-tokens.service';
import { Public } from '../auth/auth.decorators';
import { requestToken } from '../auth/bearer';
import { LoginThrottledException } from '../auth/login-throttle';
import type { Principal } from '../auth/principal';
import { setSessionCookie } from '../auth/session-cookie';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  InvitationPreviewDto,
  InvitationTokenDto,
} from './members.dtos';
import { InvitationsService } from './invitations.service';

/**
 * The invitee's side, public: the link's token is the credential. The token travels in the body (the
 * dashboard reads it from the link's #fragment), so it never appears in a URL that servers or proxies log.
 */
@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly tokens: AccessTokensService,
  ) {}

  @Post('lookup')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'What an invitation link is for (changes nothing)',
    description: 'Organisation, role, address, expiry, and whether accepting needs the existing account.',
  })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiNotFoundResponse({ description: 'The link was used, revoked, has expired or never existed' })
  async lookup(@Body() body: InvitationTokenDto, @Req() request: Request): Promise<InvitationPreview> {
    return this.invitations.preview(body.token, await this.caller(request));
  }

  @Post('accept')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept an invitation (once) and sign in',
    description:
      'A new address: send the password you choose. An existing account: be signed in as it, or send its ' +
      'password. Sets the session cookie like sign-in does.',
  })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiBadRequestResponse({ description: 'A new account needs a password of 12+ characters' })
  @ApiUnauthorizedResponse({ description: 'The existing account was not proven' })
  @ApiNotFoundResponse({ description: 'The link was used, revoked, has expired or never existed' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords from this address; see Retry-After' })
  async accept(
    @Body() body: AcceptInvitationDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedInvitationView> {
    const ip = request.ip ?? 'unknown';
    try {
      const accepted = await this.invitations.accept(
        body.token,
        body.password,
        await this.caller(request),
        ip,
      );
      if (!accepted.signedIn)
        setSessionCookie(request, response, await this.tokens.createSession(accepted.userId));
      return accepted.view;
    } catch (error) {
      if (error instanceof LoginThrottledException)
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  private async caller(request: Request): Promise<Principal | undefined> {
    const token = requestToken(request);
    return token ? this.tokens.authenticate(token) : undefined;
  }
}
