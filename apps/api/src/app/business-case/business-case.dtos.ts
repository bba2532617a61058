import {
  businessCaseQuerySchema,
  businessCaseReportSchema,
  differenceInDifferencesReportSchema,
  effectQuerySchema,
  freezeBaselineSchema,
  goalBaselineViewSchema,
  goalMeasurementSchema,
  interventionBodySchema,
  interventionsQuerySchema,
  interventionViewSchema,
  programmeCostBodySchema,
  programmeCostViewSchema,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';

/** Nest needs a class per parameter and response type: these wrap the contract schemas, nothing more. */
export class EffectQueryDto extends createZodDto(effectQuerySchema) {}
export class InterventionBodyDto extends createZodDto(interventionBodySchema) {}
export class InterventionsQueryDto extends createZodDto(interventionsQuerySchema) {}
export class GoalMeasurementDto extends createZodDto(goalMeasurementSchema) {}
export class FreezeBaselineDto extends createZodDto(freezeBaselineSchema) {}
export class ProgrammeCostBodyDto extends createZodDto(programmeCostBodySchema) {}
export class BusinessCaseQueryDto extends createZodDto(businessCaseQuerySchema) {}

export class DifferenceInDifferencesReportDto extends createZodDto(differenceInDifferencesReportSchema) {}
export class InterventionViewDto extends createZodDto(interventionViewSchema) {}
export class GoalBaselineViewDto extends createZodDto(goalBaselineViewSchema) {}
export class ProgrammeCostViewDto extends createZodDto(programmeCostViewSchema) {}
export class BusinessCaseReportDto extends createZodDto(businessCaseReportSchema) {}
