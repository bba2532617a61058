import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  createPlanSchema,
  phaseBodySchema,
  type ComparisonReport,
  type CreatePlan,
  type EvaluationQueued,
  type GateEvaluation,
  type PhaseBody,
  type PhaseTransition,
  type RolloutPlanView,
} from '@uptake/contracts';
import { CurrentPrincipal, KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import { RolloutBodyPipe } from './rollout-body.pipe';
import {
  AdvanceDto,
  ComparisonQueryDto,
  ComparisonReportDto,
  CreatePlanDto,
  EvaluationQueuedDto,
  EvaluationsQueryDto,
  GateEvaluationDto,
  PhaseBodyDto,
  PhaseTransitionDto,
  RolloutPlanDto,
  UpdatePlanDto,
} from './rollouts.dtos';
import { RolloutsService } from './rollouts.service';

/** Plan and phase bodies: problems inside their targets and criteria are named as the population checks name them. */
const PLAN_BODY = new RolloutBodyPipe(createPlanSchema);
const PHASE_BODY = new RolloutBodyPipe(phaseBodySchema);

/** Who runs rollouts: admins and change managers; executives follow them. */
export const ROLLOUT_EDITORS = ['admin', 'change_manager'] as const;

@ApiTags('rollouts')
@Controller('organisations/:organisationId/rollouts')
export class RolloutsController {
  constructor(private readonly rollouts: RolloutsService) {}

  @Get()
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Rollout plans, newest first, with phases and their latest gate evaluation' })
  @ApiOkResponse({ type: [RolloutPlanDto] })
  list(@Param('organisationId', UUID) organisationId: string): Promise<RolloutPlanView[]> {
    return this.rollouts.list(organisationId);
  }

  @Post()
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @ApiOperation({ summary: 'Create a plan (default template: Pilot → Best cases → Full rollout)' })
  @ApiBody({ type: CreatePlanDto })
  @ApiCreatedResponse({ type: RolloutPlanDto })
  create(
    @Param('organisationId', UUID) organisationId: string,
    @Body(PLAN_BODY) body: CreatePlan,
  ): Promise<RolloutPlanView> {
    return this.rollouts.create(organisationId, body);
  }

  @Get(':planId')
  @OrganisationRoles(...KPI_READERS)
  @ApiOkResponse({ type: RolloutPlanDto })
  get(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
  ): Promise<RolloutPlanView> {
    return this.rollouts.get(organisationId, planId);
  }

  @Patch(':planId')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @ApiOperation({ summary: 'Rename, archive or re-open a plan' })
  @ApiOkResponse({ type: RolloutPlanDto })
  update(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Body() body: UpdatePlanDto,
  ): Promise<RolloutPlanView> {
    return this.rollouts.update(organisationId, planId, body);
  }

  @Post(':planId/phases')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @ApiOperation({ summary: 'Add a phase at the end of the plan' })
  @ApiBody({ type: PhaseBodyDto })
  @ApiCreatedResponse({ type: RolloutPlanDto })
  addPhase(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Body(PHASE_BODY) body: PhaseBody,
  ): Promise<RolloutPlanView> {
    return this.rollouts.addPhase(organisationId, planId, body);
  }

  @Put(':planId/phases/:phaseId')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @ApiOperation({
    summary: 'Edit a phase: dates, target, comparison, gate criteria (fields left out are kept)',
  })
  @ApiBody({ type: PhaseBodyDto })
  @ApiOkResponse({ type: RolloutPlanDto })
  updatePhase(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
    @Body(PHASE_BODY) body: PhaseBody,
  ): Promise<RolloutPlanView> {
    return this.rollouts.updatePhase(organisationId, planId, phaseId, body);
  }

  @Delete(':planId/phases/:phaseId')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @ApiOperation({ summary: 'Remove a phase that has not started' })
  @ApiOkResponse({ type: RolloutPlanDto })
  @ApiConflictResponse({ description: 'The phase has started' })
  removePhase(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
  ): Promise<RolloutPlanView> {
    return this.rollouts.removePhase(organisationId, planId, phaseId);
  }

  @Post(':planId/evaluate')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      "Queue an evaluation of the plan's gates (the worker also evaluates daily and after each ingest)",
  })
  @ApiAcceptedResponse({ type: EvaluationQueuedDto })
  evaluate(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
  ): Promise<EvaluationQueued> {
    return this.rollouts.evaluate(organisationId, planId);
  }

  @Post(':planId/advance')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete the active phase and start the next (audited)',
    description:
      "Needs the active phase's latest gate evaluation to pass; otherwise 409, unless override is true and a note says why.",
  })
  @ApiOkResponse({ type: RolloutPlanDto })
  @ApiConflictResponse({ description: 'The gate has not passed, or no phase is left' })
  advance(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Body() body: AdvanceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RolloutPlanView> {
    return this.rollouts.advance(organisationId, planId, body, principal);
  }

  @Get(':planId/transitions')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Phase changes, oldest first: who, when, the gate status and any override note' })
  @ApiOkResponse({ type: [PhaseTransitionDto] })
  transitions(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
  ): Promise<PhaseTransition[]> {
    return this.rollouts.transitions(organisationId, planId);
  }

  @Get(':planId/phases/:phaseId/evaluations')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: "History of a phase's gate evaluations, newest first, with evidence" })
  @ApiOkResponse({ type: [GateEvaluationDto] })
  evaluations(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
    @Query() query: EvaluationsQueryDto,
  ): Promise<GateEvaluation[]> {
    return this.rollouts.evaluations(organisationId, planId, phaseId, query.limit);
  }

  @Get(':planId/phases/:phaseId/comparison')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      "The phase's people vs its comparison group on every gate KPI, with the difference and its 95% interval",
  })
  @ApiOkResponse({ type: ComparisonReportDto })
  comparison(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
    @Query() query: ComparisonQueryDto,
  ): Promise<ComparisonReport> {
    return this.rollouts.comparison(organisationId, planId, phaseId, query);
  }
}
