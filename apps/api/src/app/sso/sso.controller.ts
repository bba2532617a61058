import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SSO_ERROR_CODES } from '@uptake/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { setSessionCookie } from '../auth/session-cookie';
import { PENDING_LOGIN_TTL_SECONDS } from './pending-logins';
import { SsoFailure, SsoLoginService } from './sso-login.service';
import { SSO_CALLBACK_PATH } from './sso-settings.service';

/**
 * The cookie that ties a callback to the browser that started the sign-in. SameSite=Lax, because the
 * provider's redirect back is a cross-site top-level navigation (a Strict cookie would not be sent);
 * HttpOnly; only sent to the SSO paths; gone after PENDING_LOGIN_TTL_SECONDS.
 */
export const SSO_BINDING_COOKIE = 'uptake_sso';
const BINDING_PATH = '/api/auth/sso';

function bindingCookieOptions(request: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: request.secure, path: BINDING_PATH };
}

const ERRORS = `Errors go to /login?error=<code>, one of ${SSO_ERROR_CODES.join(', ')}; never a stack.`;

@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  private readonly logger = new Logger(SsoController.name);

  constructor(private readonly login: SsoLoginService) {}

  @Get(':organisationSlug/start')
  @Public()
  @ApiOperation({
    summary: "Start a sign-in at the organisation's OpenID provider (302 to it)",
    description:
      'Authorization code flow with PKCE (S256), state and nonce. The pending sign-in is kept in Redis for ' +
      `${PENDING_LOGIN_TTL_SECONDS / 60} minutes and works once; a SameSite=Lax cookie binds it to this browser. ` +
      ERRORS,
  })
  @ApiParam({ name: 'organisationSlug', example: 'acme' })
  @ApiQuery({
    name: 'returnTo',
    required: false,
    description: 'A path of this site to go to after signing in (e.g. /kpis); another origin is refused',
  })
  @ApiFoundResponse({ description: "To the provider's authorization endpoint, or to /login?error=<code>" })
  async start(
    @Param('organisationSlug') organisationSlug: string,
    @Query('returnTo') returnTo: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    try {
      const started = await this.login.start(organisationSlug, returnTo);
      response.cookie(SSO_BINDING_COOKIE, started.binding, {
        ...bindingCookieOptions(request),
        maxAge: PENDING_LOGIN_TTL_SECONDS * 1_000,
      });
      this.redirect(response, started.authorizationUrl);
    } catch (error) {
      this.fail(response, error);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: 'Where the OpenID provider sends the browser back (302 to returnTo, signed in)',
    description:
      'Exchanges the code, validates the ID token (issuer, audience, expiry, nonce, signature), finds or creates ' +
      'the account by the provider identity (a new member gets the role the mapping gives), and sets the ' +
      'session cookie as the password sign-in does. The session acts in this organisation only. ' +
      ERRORS,
  })
  @ApiFoundResponse({ description: 'To returnTo, or to /login?error=<code>' })
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    // The binding is single-use like the state: cleared whatever the outcome.
    response.clearCookie(SSO_BINDING_COOKIE, bindingCookieOptions(request));
    try {
      const callbackUrl = new URL(request.originalUrl, this.login.dashboardUrl(SSO_CALLBACK_PATH));
      const signedIn = await this.login.callback(
        query,
        callbackUrl,
        cookies?.[SSO_BINDING_COOKIE],
        request.ip ?? 'unknown',
      );
      setSessionCookie(request, response, signedIn);
      this.redirect(response, this.login.dashboardUrl(signedIn.returnTo));
    } catch (error) {
      this.fail(response, error);
    }
  }

  private redirect(response: Response, location: string): void {
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, location);
  }

  /** Every failure becomes a redirect with a code; unexpected ones are logged, never shown. */
  private fail(response: Response, error: unknown): void {
    if (!(error instanceof SsoFailure)) this.logger.error(error);
    this.redirect(response, this.login.errorUrl(error instanceof SsoFailure ? error.code : 'sso_failed'));
  }
}
