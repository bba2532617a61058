import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  loginRequestSchema,
  mePatchSchema,
  meSchema,
  sessionViewSchema,
  type Me,
  type SessionView,
} from '@uptake/contracts';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Authenticated, CurrentPrincipal, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginThrottledException } from './login-throttle';
import type { Principal } from './principal';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

class LoginDto extends createZodDto(loginRequestSchema) {}
class MeDto extends createZodDto(meSchema) {}
class MePatchDto extends createZodDto(mePatchSchema) {}
class SessionDto extends createZodDto(sessionViewSchema) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Sets an HttpOnly, SameSite=Strict session cookie; the secret is not in the body, so scripts in the page never see it. ' +
      'Automation uses API tokens instead. After repeated failures from one address the address must wait ' +
      '(exponential backoff, per account and per address); failures from other addresses never refuse the ' +
      'right password, they only slow every attempt on the account down. A browser must send it from this ' +
      "site's origin (login CSRF).",
  })
  @ApiOkResponse({ type: SessionDto.Output })
  @ApiUnauthorizedResponse({ description: 'E-mail or password is wrong' })
  @ApiForbiddenResponse({
    description:
      'Sent by a page of another origin, or every organisation of the account signs in with SSO only (the message says so)',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many failures from this address; see Retry-After' })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    try {
      const { token, expiresAt, me } = await this.auth.login(
        body.email,
        body.password,
        request.ip ?? 'unknown',
      );
      setSessionCookie(request, response, { token, expiresAt });
      return { ...me, expiresAt: expiresAt.toISOString() };
    } catch (error) {
      if (error instanceof LoginThrottledException)
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke the current session (or API token) at once' })
  @ApiNoContentResponse()
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(principal, request.ip ?? 'unknown');
    clearSessionCookie(request, response);
  }

  @Post('sign-out-everywhere')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Revoke every session of the signed-in account (all browsers), this one included',
    description:
      'For a lost laptop or a shared computer. API tokens are not touched (revoke those one by one). ' +
      'Audited as auth.sign_out_everywhere with the number of sessions ended.',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Called with an API token: only a session can do this' })
  async signOutEverywhere(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.signOutEverywhere(principal, request.ip ?? 'unknown');
    clearSessionCookie(request, response);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: MeDto.Output })
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.auth.me(principal);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({
    summary: "The signed-in user's own preferences: the language (null follows the organisation)",
  })
  @ApiOkResponse({ type: MeDto.Output })
  @ApiForbiddenResponse({ description: 'An API token (it has no account to keep preferences on)' })
  updateMe(@CurrentPrincipal() principal: Principal, @Body() body: MePatchDto): Promise<Me> {
    return this.auth.setLocale(principal, body.locale);
  }
}
