import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ssoSettingsInputSchema, ssoSettingsSchema, type SsoSettings } from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import { SsoSettingsService } from './sso-settings.service';

class SsoSettingsInputDto extends createZodDto(ssoSettingsInputSchema) {}
class SsoSettingsDto extends createZodDto(ssoSettingsSchema) {}

@ApiTags('organisations')
@Controller('organisations/:organisationId/sso')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  @OrganisationRoles('admin')
  @ApiOperation({
    summary: "The organisation's single sign-on (OpenID Connect) settings, without the client secret",
  })
  @ApiOkResponse({ type: SsoSettingsDto.Output })
  get(@Param('organisationId', UUID) organisationId: string): Promise<SsoSettings> {
    return this.settings.get(organisationId);
  }

  @Put()
  @OrganisationRoles('admin')
  @ApiOperation({
    summary: 'Set up or replace single sign-on (audited as sso.settings_changed, the secret never shown)',
    description:
      'The provider is not contacted here: the first sign-in reads its discovery document, and a wrong issuer ' +
      'or client shows there as /login?error=sso_provider_unavailable or sso_token_invalid. Register ' +
      '`redirectUri` of the answer at the provider.',
  })
  @ApiOkResponse({ type: SsoSettingsDto.Output })
  @ApiBadRequestResponse({ description: 'A field is invalid, or clientSecret is missing the first time' })
  put(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: SsoSettingsInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SsoSettings> {
    return this.settings.put(organisationId, body, principal);
  }

  @Delete()
  @OrganisationRoles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Turn single sign-on off: password sign-in only again; the sessions it signed in end at once',
  })
  @ApiNoContentResponse()
  remove(
    @Param('organisationId', UUID) organisationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    return this.settings.remove(organisationId, principal);
  }
}
