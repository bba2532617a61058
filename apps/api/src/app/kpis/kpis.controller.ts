import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  BestCasesReport,
  CommunitiesReport,
  CommunityDetail,
  FirstPostReport,
  KnowledgeFlowReport,
  LifecycleReport,
  PersonasReport,
  AdoptionReport,
  DiffusionReport,
  EngagementReport,
  NetworkPeopleReport,
  NetworkReport,
  ParticipationReport,
  PeopleReport,
  RetentionReport,
} from '@uptake/contracts';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { UUID } from '../common/params';
import {
  BestCasesQueryDto,
  BestCasesReportDto,
  CommunitiesQueryDto,
  CommunitiesReportDto,
  CommunityDetailDto,
  CommunityDetailQueryDto,
  FirstPostQueryDto,
  FirstPostReportDto,
  KnowledgeFlowReportDto,
  LifecycleReportDto,
  PersonasReportDto,
  AdoptionReportDto,
  DiffusionQueryDto,
  DiffusionReportDto,
  EngagementReportDto,
  KpiQueryDto,
  NetworkPeopleQueryDto,
  NetworkPeopleReportDto,
  NetworkReportDto,
  ParticipationReportDto,
  PeopleQueryDto,
  PeopleReportDto,
  RetentionQueryDto,
  RetentionReportDto,
} from './kpis.dto';
import { KpisService } from './kpis.service';

const K_RULE =
  'Figures resting on 1..k-1 distinct people are null, with `suppressed` giving k; when `scope.perturbation` is true, ' +
  'counts are perturbed by the cell-key method (at most ±2 people, the same figure for the same people) and magnitudes ' +
  'by at most the largest single contribution. Days are in the organisation time zone.';

/** Adoption KPIs, read from the rollups, for admins, change managers and executives (aggregates only). */
@ApiTags('kpis')
@ApiBadRequestResponse({
  description:
    'Malformed date, range, granularity or filter; or a population that cannot be addressed: 1..k-1 people, or 1..k-1 ' +
    'people away from the organisation, the parent unit, either side of an org unit ∩ group filter or the nearest group',
})
@ApiNotFoundResponse({ description: 'Unknown organisation, org unit or group' })
@Controller('organisations/:organisationId/kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get('adoption')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Eligible, active, activated, adoption %, DAU/WAU/MAU and stickiness per period',
    description: K_RULE,
  })
  @ApiOkResponse({ type: AdoptionReportDto.Output })
  adoption(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<AdoptionReport> {
    return this.kpis.adoption(organisationId, query);
  }

  @Get('participation')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Creators, contributors, readers (90-9-1) per period; personas; concentration',
    description: K_RULE,
  })
  @ApiOkResponse({ type: ParticipationReportDto.Output })
  participation(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<ParticipationReport> {
    return this.kpis.participation(organisationId, query);
  }

  @Get('engagement')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Posts, replies, reactions per active person; threads answered; median time to first response',
    description: K_RULE,
  })
  @ApiOkResponse({ type: EngagementReportDto.Output })
  engagement(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<EngagementReport> {
    return this.kpis.engagement(organisationId, query);
  }

  @Get('retention')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Weekly cohorts by first activity; tried-and-stopped and reactivated people, per unit',
    description: K_RULE,
  })
  @ApiOkResponse({ type: RetentionReportDto.Output })
  retention(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: RetentionQueryDto,
  ): Promise<RetentionReport> {
    return this.kpis.retention(organisationId, query);
  }

  @Get('network')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      'Interaction network aggregated to org units: cross-department, vertical and cross-company shares',
    description: K_RULE,
  })
  @ApiOkResponse({ type: NetworkReportDto.Output })
  network(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<NetworkReport> {
    return this.kpis.network(organisationId, query);
  }

  @Get('network/people')
  @OrganisationRoles('admin')
  @ApiOperation({
    summary:
      'Brokers (betweenness) and champions (early adopters with the widest reach), by pseudonym: admins only',
  })
  @ApiOkResponse({ type: NetworkPeopleReportDto.Output })
  networkPeople(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: NetworkPeopleQueryDto,
  ): Promise<NetworkPeopleReport> {
    return this.kpis.networkPeople(organisationId, query, query.top);
  }

  @Get('diffusion')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      'Rogers adopter categories, cumulative adopters, Bass fit and the forecast date of a target adoption',
    description: K_RULE,
  })
  @ApiOkResponse({ type: DiffusionReportDto.Output })
  diffusion(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: DiffusionQueryDto,
  ): Promise<DiffusionReport> {
    return this.kpis.diffusion(organisationId, query);
  }

  @Get('people')
  @OrganisationRoles('admin')
  @ApiOperation({ summary: 'Per person, by pseudonym: persona, totals, active days (admins only)' })
  @ApiOkResponse({ type: PeopleReportDto.Output })
  people(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: PeopleQueryDto,
  ): Promise<PeopleReport> {
    return this.kpis.people(organisationId, query);
  }

  @Get('communities')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      'Community health per channel/community: members, active, health index, reply coverage, response times, fragility, growth, viral growth',
    description: K_RULE,
  })
  @ApiOkResponse({ type: CommunitiesReportDto.Output })
  communities(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: CommunitiesQueryDto,
  ): Promise<CommunitiesReport> {
    return this.kpis.communities(organisationId, query);
  }

  @Get('communities/:groupId')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: "One community's health, response times, personas and cross-department flow",
    description: K_RULE,
  })
  @ApiOkResponse({ type: CommunityDetailDto.Output })
  community(
    @Param('organisationId', UUID) organisationId: string,
    @Param('groupId', UUID) groupId: string,
    @Query() query: CommunityDetailQueryDto,
  ): Promise<CommunityDetail> {
    return this.kpis.community(organisationId, groupId, query);
  }

  @Get('best-cases')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Communities and org units ranked by outcomes versus the organisation, explained per criterion',
    description: K_RULE,
  })
  @ApiOkResponse({ type: BestCasesReportDto.Output })
  bestCases(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: BestCasesQueryDto,
  ): Promise<BestCasesReport> {
    return this.kpis.bestCases(organisationId, query);
  }

  @Get('personas')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      'Behaviour personas (catalyst, engager, responder, broadcaster, observer) and habits, overall and per unit',
    description: K_RULE,
  })
  @ApiOkResponse({ type: PersonasReportDto.Output })
  personas(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<PersonasReport> {
    return this.kpis.personas(organisationId, query);
  }

  @Get('lifecycle')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Per week: new, retained, reactivated and dormant people, and the net change of active people',
    description: K_RULE,
  })
  @ApiOkResponse({ type: LifecycleReportDto.Output })
  lifecycle(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<LifecycleReport> {
    return this.kpis.lifecycle(organisationId, query);
  }

  @Get('first-post')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      '"Found nobody, stopped": retention of newcomers whose first post was answered vs not, and the answered share per week, unit and community',
    description: K_RULE,
  })
  @ApiOkResponse({ type: FirstPostReportDto.Output })
  firstPost(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: FirstPostQueryDto,
  ): Promise<FirstPostReport> {
    return this.kpis.firstPost(organisationId, query);
  }

  @Get('knowledge-flow')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary:
      "Which units answer which units' threads, across departments and legacy companies; hidden expertise; leadership by level",
    description: K_RULE,
  })
  @ApiOkResponse({ type: KnowledgeFlowReportDto.Output })
  knowledgeFlow(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiQueryDto,
  ): Promise<KnowledgeFlowReport> {
    return this.kpis.knowledgeFlow(organisationId, query);
  }
}
