import { Module } from '@nestjs/common';
import { OidcClients } from './oidc-client';
import { PendingLogins } from './pending-logins';
import { SsoLoginService } from './sso-login.service';
import { SsoSettingsController } from './sso-settings.controller';
import { SsoSettingsService } from './sso-settings.service';
import { SsoController } from './sso.controller';

/** Single sign-on with OpenID Connect: per-organisation settings and the sign-in flow. */
@Module({
  controllers: [SsoController, SsoSettingsController],
  providers: [OidcClients, PendingLogins, SsoLoginService, SsoSettingsService],
})
export class SsoModule {}
