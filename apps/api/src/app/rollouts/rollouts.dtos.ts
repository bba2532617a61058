import {
  advanceSchema,
  comparisonQuerySchema,
  comparisonReportSchema,
  createPlanSchema,
  evaluationQueuedSchema,
  evaluationsQuerySchema,
  gateEvaluationSchema,
  phaseBodySchema,
  phaseTransitionSchema,
  rolloutPlanViewSchema,
  updatePlanSchema,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';

/** Nest needs classes for parameters and OpenAPI; each is its contract schema and nothing else. */
export class CreatePlanDto extends createZodDto(createPlanSchema) {}
export class UpdatePlanDto extends createZodDto(updatePlanSchema) {}
export class PhaseBodyDto extends createZodDto(phaseBodySchema) {}
export class AdvanceDto extends createZodDto(advanceSchema) {}
export class ComparisonQueryDto extends createZodDto(comparisonQuerySchema) {}
export class EvaluationsQueryDto extends createZodDto(evaluationsQuerySchema) {}

export class RolloutPlanDto extends createZodDto(rolloutPlanViewSchema) {}
export class GateEvaluationDto extends createZodDto(gateEvaluationSchema) {}
export class PhaseTransitionDto extends createZodDto(phaseTransitionSchema) {}
export class ComparisonReportDto extends createZodDto(comparisonReportSchema) {}
export class EvaluationQueuedDto extends createZodDto(evaluationQueuedSchema) {}
