import {
  bestCasesQuerySchema,
  bestCasesReportSchema,
  communitiesQuerySchema,
  communitiesReportSchema,
  communityDetailQuerySchema,
  communityDetailSchema,
  firstPostQuerySchema,
  firstPostReportSchema,
  knowledgeFlowReportSchema,
  lifecycleReportSchema,
  personasReportSchema,
  adoptionReportSchema,
  diffusionQuerySchema,
  diffusionReportSchema,
  engagementReportSchema,
  kpiQuerySchema,
  networkPeopleQuerySchema,
  networkPeopleReportSchema,
  networkReportSchema,
  participationReportSchema,
  peopleQuerySchema,
  peopleReportSchema,
  retentionQuerySchema,
  retentionReportSchema,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';

/** Nest needs a class per parameter and response type: these wrap the contract schemas, nothing more. */
export class KpiQueryDto extends createZodDto(kpiQuerySchema) {}
export class RetentionQueryDto extends createZodDto(retentionQuerySchema) {}
export class NetworkPeopleQueryDto extends createZodDto(networkPeopleQuerySchema) {}
export class DiffusionQueryDto extends createZodDto(diffusionQuerySchema) {}
export class PeopleQueryDto extends createZodDto(peopleQuerySchema) {}
export class CommunitiesQueryDto extends createZodDto(communitiesQuerySchema) {}
export class CommunityDetailQueryDto extends createZodDto(communityDetailQuerySchema) {}
export class BestCasesQueryDto extends createZodDto(bestCasesQuerySchema) {}
export class FirstPostQueryDto extends createZodDto(firstPostQuerySchema) {}

export class AdoptionReportDto extends createZodDto(adoptionReportSchema) {}
export class ParticipationReportDto extends createZodDto(participationReportSchema) {}
export class EngagementReportDto extends createZodDto(engagementReportSchema) {}
export class RetentionReportDto extends createZodDto(retentionReportSchema) {}
export class NetworkReportDto extends createZodDto(networkReportSchema) {}
export class NetworkPeopleReportDto extends createZodDto(networkPeopleReportSchema) {}
export class DiffusionReportDto extends createZodDto(diffusionReportSchema) {}
export class PeopleReportDto extends createZodDto(peopleReportSchema) {}
export class CommunitiesReportDto extends createZodDto(communitiesReportSchema) {}
export class CommunityDetailDto extends createZodDto(communityDetailSchema) {}
export class BestCasesReportDto extends createZodDto(bestCasesReportSchema) {}
export class PersonasReportDto extends createZodDto(personasReportSchema) {}
export class LifecycleReportDto extends createZodDto(lifecycleReportSchema) {}
export class FirstPostReportDto extends createZodDto(firstPostReportSchema) {}
export class KnowledgeFlowReportDto extends createZodDto(knowledgeFlowReportSchema) {}
