import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { DifferenceInDifferencesReport, InterventionView } from '@uptake/contracts';
import { CurrentPrincipal, KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import {
  DifferenceInDifferencesReportDto,
  EffectQueryDto,
  InterventionBodyDto,
  InterventionsQueryDto,
  InterventionViewDto,
} from './business-case.dtos';
import { BUSINESS_CASE_EDITORS, EFFECT_DESCRIPTION } from './business-case.roles';
import { EffectsService } from './effects.service';
import { InterventionsService } from './interventions.service';

/** The organisation's dated log of interventions, and the measured effect of each. */
@ApiTags('business-case')
@Controller('organisations/:organisationId/interventions')
export class InterventionsController {
  constructor(
    private readonly interventions: InterventionsService,
    private readonly effects: EffectsService,
  ) {}

  @Get()
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Interventions (trainings, campaigns, leadership posts), oldest day first' })
  @ApiOkResponse({ type: [InterventionViewDto.Output] })
  list(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: InterventionsQueryDto,
  ): Promise<InterventionView[]> {
    return this.interventions.list(organisationId, query);
  }

  @Post()
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @ApiOperation({
    summary: 'Log an intervention (audited as intervention.created)',
    description:
      'The day is not after tomorrow; target org units and groups must be the organisation’s (404 naming the field); at most 500 per organisation (409 beyond).',
  })
  @ApiCreatedResponse({ type: InterventionViewDto.Output })
  @ApiConflictResponse({ description: 'The organisation already keeps the maximum number of interventions' })
  create(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: InterventionBodyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InterventionView> {
    return this.interventions.create(organisationId, body, principal);
  }

  @Put(':interventionId')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @ApiOperation({ summary: 'Replace an intervention (audited as intervention.updated)' })
  @ApiOkResponse({ type: InterventionViewDto.Output })
  replace(
    @Param('organisationId', UUID) organisationId: string,
    @Param('interventionId', UUID) interventionId: string,
    @Body() body: InterventionBodyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InterventionView> {
    return this.interventions.replace(organisationId, interventionId, body, principal);
  }

  @Delete(':interventionId')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an intervention (audited as intervention.deleted)' })
  @ApiNoContentResponse()
  async remove(
    @Param('organisationId', UUID) organisationId: string,
    @Param('interventionId', UUID) interventionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.interventions.remove(organisationId, interventionId, principal);
  }

  @Get(':interventionId/effect')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Difference-in-differences effect of an intervention on its target (an observational estimate)',
    description: `The people it was aimed at against the rest of the organisation (comparison 'phase' or 'rest-of-organisation'), from the week of its day. ${EFFECT_DESCRIPTION}`,
  })
  @ApiOkResponse({ type: DifferenceInDifferencesReportDto.Output })
  @ApiConflictResponse({ description: 'No week since the intervention’s day is complete yet' })
  @ApiUnprocessableEntityResponse({
    description: 'The metric, the target or the comparison cannot be measured yet',
  })
  effect(
    @Param('organisationId', UUID) organisationId: string,
    @Param('interventionId', UUID) interventionId: string,
    @Query() query: EffectQueryDto,
  ): Promise<DifferenceInDifferencesReport> {
    return this.effects.interventionReport(organisationId, interventionId, query);
  }
}
