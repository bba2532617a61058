import {
  bestCasesExportQuerySchema,
  businessCaseExportQuerySchema,
  communitiesExportQuerySchema,
  communityDetailExportQuerySchema,
  comparisonExportQuerySchema,
  evaluationsExportQuerySchema,
  diffusionExportQuerySchema,
  firstPostExportQuerySchema,
  goalsExportQuerySchema,
  kpiExportQuerySchema,
  networkPeopleExportQuerySchema,
  overviewExportQuerySchema,
  peopleExportQuerySchema,
  retentionExportQuerySchema,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';

/** Nest needs a class per query type: these wrap the contract schemas, nothing more. */
export class KpiExportQueryDto extends createZodDto(kpiExportQuerySchema) {}
export class RetentionExportQueryDto extends createZodDto(retentionExportQuerySchema) {}
export class NetworkPeopleExportQueryDto extends createZodDto(networkPeopleExportQuerySchema) {}
export class DiffusionExportQueryDto extends createZodDto(diffusionExportQuerySchema) {}
export class PeopleExportQueryDto extends createZodDto(peopleExportQuerySchema) {}
export class CommunitiesExportQueryDto extends createZodDto(communitiesExportQuerySchema) {}
export class CommunityDetailExportQueryDto extends createZodDto(communityDetailExportQuerySchema) {}
export class BestCasesExportQueryDto extends createZodDto(bestCasesExportQuerySchema) {}
export class FirstPostExportQueryDto extends createZodDto(firstPostExportQuerySchema) {}
export class GoalsExportQueryDto extends createZodDto(goalsExportQuerySchema) {}
export class BusinessCaseExportQueryDto extends createZodDto(businessCaseExportQuerySchema) {}
export class OverviewExportQueryDto extends createZodDto(overviewExportQuerySchema) {}
export class ComparisonExportQueryDto extends createZodDto(comparisonExportQuerySchema) {}
export class EvaluationsExportQueryDto extends createZodDto(evaluationsExportQuerySchema) {}
