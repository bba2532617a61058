import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { OrganisationSettings, OrganisationSettingsChange } from '@uptake/contracts';
import { CurrentPrincipal, KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import {
  OrganisationSettingsChangeDto,
  OrganisationSettingsDto,
  UpdateOrganisationSettingsDto,
} from './organisations.dtos';
import { OrganisationSettingsService } from './organisation-settings.service';

@ApiTags('organisations')
@Controller('organisations/:organisationId/settings')
export class OrganisationSettingsController {
  constructor(private readonly settings: OrganisationSettingsService) {}

  @Get()
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      "The organisation's name, time zone, k, value-model defaults of business goals and event retention",
  })
  @ApiOkResponse({ type: OrganisationSettingsDto })
  get(@Param('organisationId', UUID) organisationId: string): Promise<OrganisationSettings> {
    return this.settings.get(organisationId);
  }

  @Patch()
  @OrganisationRoles('admin')
  @ApiOperation({
    summary: 'Change settings (audited as organisation.settings_changed with from/to of each field)',
    description:
      'Only the fields sent are changed. A new time zone queues a refresh of all rollups on the recompute ' +
      'queue (`rollupRefresh`); k, the name and the value-model defaults need none. `eventRetentionMonths` ' +
      '(null: keep everything) is applied by the worker, which deletes older events and their rollups daily.',
  })
  @ApiOkResponse({ type: OrganisationSettingsChangeDto })
  @ApiBadRequestResponse({
    description: 'A field is out of range or unknown: the message names it and its value',
  })
  @ApiConflictResponse({ description: 'A time-zone change waited 10 s for a running rollup refresh' })
  @ApiServiceUnavailableResponse({ description: 'Postgres or Redis is unreachable: nothing was changed' })
  update(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: UpdateOrganisationSettingsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganisationSettingsChange> {
    return this.settings.update(organisationId, body, principal);
  }
}
