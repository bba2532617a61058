import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { BusinessCaseReport, DifferenceInDifferencesReport, ProgrammeCostView } from '@uptake/contracts';
import { CurrentPrincipal, KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import {
  BusinessCaseQueryDto,
  BusinessCaseReportDto,
  DifferenceInDifferencesReportDto,
  EffectQueryDto,
  ProgrammeCostBodyDto,
  ProgrammeCostViewDto,
} from './business-case.dtos';
import { BUSINESS_CASE_EDITORS, EFFECT_DESCRIPTION } from './business-case.roles';
import { BusinessCaseService } from './business-case.service';
import { EffectsService } from './effects.service';

/** A phase's measured effect, the programme's cost on a plan, and the executive business case. */
@ApiTags('business-case')
@Controller('organisations/:organisationId')
export class BusinessCaseController {
  constructor(
    private readonly businessCase: BusinessCaseService,
    private readonly effects: EffectsService,
  ) {}

  @Get('rollouts/:planId/phases/:phaseId/effects')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Difference-in-differences effect of a phase on its cohort (an observational estimate)',
    description:
      "The phase's cohort against its comparison group ('phase'; the rest of the organisation when the phase compares with the rest) " +
      `or explicitly the rest of the organisation, from the week it started (in the organisation's time zone). ${EFFECT_DESCRIPTION}`,
  })
  @ApiOkResponse({ type: DifferenceInDifferencesReportDto.Output })
  @ApiConflictResponse({
    description:
      'The phase has not started, its people are not resolved yet, or no week since its start is complete',
  })
  @ApiUnprocessableEntityResponse({ description: 'The metric or the comparison cannot be measured yet' })
  phaseEffect(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
    @Query() query: EffectQueryDto,
  ): Promise<DifferenceInDifferencesReport> {
    return this.effects.phaseReport(organisationId, planId, phaseId, query);
  }

  @Get('rollouts/:planId/programme-cost')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'What the programme costs (null until set)' })
  @ApiOkResponse({ type: ProgrammeCostViewDto.Output })
  programmeCost(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
  ): Promise<ProgrammeCostView> {
    return this.businessCase.programmeCost(organisationId, planId);
  }

  @Put('rollouts/:planId/programme-cost')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @ApiOperation({ summary: 'Set what the programme costs (audited as rollout.programme_cost_set)' })
  @ApiOkResponse({ type: ProgrammeCostViewDto.Output })
  setProgrammeCost(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Body() body: ProgrammeCostBodyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProgrammeCostView> {
    return this.businessCase.setProgrammeCost(organisationId, planId, body, principal);
  }

  @Get('business-case')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      'The measured business case: per goal its baseline, effect, value, ROI and payback; totals; interventions',
    description:
      'Of the plan (default: the active one, else the latest created). Each goal (at most 20, oldest first) is measured by its ' +
      'measurement’s phase effect and valued with its assumptions and the plan’s programme cost. Totals sum the goals’ values ' +
      '(p10/p90: sums of the goals’ percentiles) and apply the ROI and payback formulas to the sum with the plan’s cost, its people’s ' +
      'time at the first measured goal’s hourly cost. Every effect is an observational estimate.',
  })
  @ApiOkResponse({ type: BusinessCaseReportDto.Output })
  report(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: BusinessCaseQueryDto,
  ): Promise<BusinessCaseReport> {
    return this.businessCase.report(organisationId, query);
  }
}
