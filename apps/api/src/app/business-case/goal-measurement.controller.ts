import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { GoalBaselineView, GoalMeasurement } from '@uptake/contracts';
import { CurrentPrincipal, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import { FreezeBaselineDto, GoalBaselineViewDto, GoalMeasurementDto } from './business-case.dtos';
import { BUSINESS_CASE_EDITORS } from './business-case.roles';
import { GoalMeasurementService } from './goal-measurement.service';

/** How a goal is measured (phase, comparison, value assumptions) and its frozen baseline. */
@ApiTags('business-case')
@Controller('organisations/:organisationId/goals/:goalId')
export class GoalMeasurementController {
  constructor(private readonly measurements: GoalMeasurementService) {}

  @Put('measurement')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @ApiOperation({
    summary: 'Set how the goal is measured: the phase, metric, comparison, windows and value assumptions',
    description:
      'The plan and the phase must be the organisation’s (404 naming the field). Audited as goal.measurement_set.',
  })
  @ApiOkResponse({ type: GoalMeasurementDto.Output })
  setMeasurement(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
    @Body() body: GoalMeasurementDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GoalMeasurement> {
    return this.measurements.setMeasurement(organisationId, goalId, body, principal);
  }

  @Delete('measurement')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove the goal’s measurement (idempotent; audited as goal.measurement_removed)',
  })
  @ApiNoContentResponse()
  async removeMeasurement(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.measurements.removeMeasurement(organisationId, goalId, principal);
  }

  @Post('baseline')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @ApiOperation({
    summary: 'Freeze the goal’s baseline over a pre-period (audited as goal.baseline_frozen)',
    description:
      'The mean of the goal KPI’s published weekly values for the goal’s population over from..to (snapped to whole weeks), ' +
      'by default the measurement’s preWeeks weeks before its phase’s start; withheld weeks are left out. Kept with the hash of its definition ' +
      '(KPI, population, filters, KPI version): when the goal changes, the business case shows the baseline as changed.',
  })
  @ApiCreatedResponse({ type: GoalBaselineViewDto.Output })
  @ApiBadRequestResponse({
    description: 'No from/to and no measurement to take the pre-period from, or a bad range',
  })
  @ApiConflictResponse({
    description: 'The measuring phase has not started (or no longer exists): send from and to',
  })
  freeze(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
    @Body() body: FreezeBaselineDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GoalBaselineView> {
    return this.measurements.freeze(organisationId, goalId, body, principal);
  }

  @Delete('baseline')
  @OrganisationRoles(...BUSINESS_CASE_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unfreeze the goal’s baseline (idempotent; audited as goal.baseline_removed)' })
  @ApiNoContentResponse()
  async unfreeze(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.measurements.unfreeze(organisationId, goalId, principal);
  }
}
