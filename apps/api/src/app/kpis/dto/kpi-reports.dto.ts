import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the KPI reports (the TypeScript types live in @uptake/contracts). */

export class SuppressionReasonDto {
  @ApiProperty({ enum: ['below-k'] })
  code: 'below-k';

  @ApiProperty({ description: 'k: the figure rests on fewer distinct people than this' })
  minGroupSize: number;
}

export class KpiScopeDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty({ format: 'date' })
  from: string;
  @ApiProperty({ format: 'date' })
  to: string;
  @ApiProperty({ enum: ['day', 'week', 'month'] })
  granularity: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  groupId: string | null;
  @ApiProperty()
  minGroupSize: number;
  @ApiProperty({
    description:
      'Counts of people are perturbed by the cell-key method (at most ±2 people; the same people always give the same figure); magnitudes by at most the largest single contribution. False: exact figures.',
  })
  perturbation: boolean;
}

const nullableNumber = (description: string) => ApiProperty({ type: Number, nullable: true, description });

class PeriodDto {
  @ApiProperty({ format: 'date' })
  start: string;
  @ApiProperty({ format: 'date' })
  end: string;
  @ApiPropertyOptional({ type: SuppressionReasonDto, description: 'Present when some figures are withheld' })
  suppressed?: SuppressionReasonDto;
}

export class AdoptionPointDto extends PeriodDto {
  @nullableNumber('People in the directory employed on the last day')
  eligible: number | null;
  @nullableNumber('Distinct people active in the period (joins are not activity)')
  active: number | null;
  @nullableNumber('Eligible people active at least once by the end of the period')
  activated: number | null;
  @nullableNumber('activated / eligible')
  adoptionRate: number | null;
  @nullableNumber('Mean daily active people')
  averageDailyActive: number | null;
  @nullableNumber('Distinct active people in the 7 days ending on the last day')
  weeklyActive: number | null;
  @nullableNumber('Distinct active people in the 28 days ending on the last day')
  monthlyActive: number | null;
  @nullableNumber('averageDailyActive / monthlyActive')
  stickiness: number | null;
  @nullableNumber(
    'Eligible people who joined a channel or group by the end of the period but were never active (a join is not activity)',
  )
  joinedOnly: number | null;
}

export class AdoptionReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ type: [AdoptionPointDto] })
  points: AdoptionPointDto[];
}

export class ParticipationPointDto extends PeriodDto {
  @nullableNumber('Eligible people')
  eligible: number | null;
  @nullableNumber('Started something (post, question)')
  creators: number | null;
  @nullableNumber('Responded or reacted without starting anything')
  contributors: number | null;
  @nullableNumber('Only read or joined')
  readers: number | null;
  @nullableNumber('Not active')
  inactive: number | null;
}

class PersonasDto {
  @nullableNumber('Started at least one thread')
  creator: number | null;
  @nullableNumber('Replied, answered, mentioned or shared, never started')
  responder: number | null;
  @nullableNumber('Only reacted (and read)')
  reactor: number | null;
  @nullableNumber('Only read or joined')
  observer: number | null;
}

class ConcentrationDto {
  @nullableNumber('Share of events from the most active 1% of active people')
  top1Percent: number | null;
  @nullableNumber('Share of events from the most active 10%')
  top10Percent: number | null;
  @nullableNumber('Active people in the range')
  activePeople: number | null;
}

export class ParticipationReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ type: [ParticipationPointDto] })
  points: ParticipationPointDto[];
  @ApiProperty({ type: PersonasDto })
  personas: PersonasDto;
  @ApiProperty({ type: ConcentrationDto })
  concentration: ConcentrationDto;
  @ApiProperty({ example: { creators: 0.01, contributors: 0.09, rest: 0.9 } })
  reference: { creators: 0.01; contributors: 0.09; rest: 0.9 };
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

export class EngagementPointDto extends PeriodDto {
  @nullableNumber('Distinct active people')
  active: number | null;
  @nullableNumber('Posts and questions')
  posts: number | null;
  @nullableNumber('Replies and answers')
  replies: number | null;
  @nullableNumber('Reactions')
  reactions: number | null;
  @nullableNumber('posts / active')
  postsPerActive: number | null;
  @nullableNumber('replies / active')
  repliesPerActive: number | null;
  @nullableNumber('reactions / active')
  reactionsPerActive: number | null;
  @nullableNumber('Threads started by the population in the period')
  threads: number | null;
  @nullableNumber('Share of those threads answered by someone else')
  threadsWithResponse: number | null;
  @nullableNumber('Median hours to the first response by someone else')
  medianHoursToFirstResponse: number | null;
  @nullableNumber(
    'Reactions the source counted without listing who reacted (reaction volume, in no one’s activity); null for a filtered population',
  )
  unattributedReactions: number | null;
}

export class EngagementReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ type: [EngagementPointDto] })
  points: EngagementPointDto[];
}

export class RetentionCohortDto {
  @ApiProperty({ format: 'date', description: 'Monday of the week of first activity' })
  week: string;
  @nullableNumber('People in the cohort')
  size: number | null;
  @ApiProperty({
    type: [Number],
    description: 'Share of the cohort active in its week 0, 1, 2, … (null if withheld)',
  })
  retained: (number | null)[];
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

export class ChurnByUnitDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
  @ApiProperty()
  name: string;
  @nullableNumber('Activated early enough to be seen stopping')
  activated: number | null;
  @nullableNumber('Silent for the last silentWeeks weeks')
  triedAndStopped: number | null;
  @nullableNumber('triedAndStopped / activated')
  rate: number | null;
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

export class RetentionReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ type: [RetentionCohortDto] })
  cohorts: RetentionCohortDto[];
  @ApiProperty()
  silentWeeks: number;
  @nullableNumber('Activated at least silentWeeks weeks before the end of the range')
  activated: number | null;
  @nullableNumber('…and silent since')
  triedAndStopped: number | null;
  @nullableNumber('triedAndStopped / activated')
  triedAndStoppedRate: number | null;
  @nullableNumber('Came back after a silence of at least silentWeeks weeks')
  reactivated: number | null;
  @ApiProperty({ type: [ChurnByUnitDto] })
  byUnit: ChurnByUnitDto[];
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

class BoundaryCrossingDto {
  @nullableNumber('Share of interactions between people who differ on this attribute')
  share: number | null;
  @nullableNumber('Interactions where both values are known')
  interactions: number | null;
  @nullableNumber('Distinct people in them')
  people: number | null;
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

class CrossingDto {
  @ApiProperty({ type: BoundaryCrossingDto, description: 'Across departments (org units)' })
  department: BoundaryCrossingDto;
  @ApiProperty({ type: BoundaryCrossingDto, description: 'Across hierarchy levels (vertical communication)' })
  hierarchyLevel: BoundaryCrossingDto;
  @ApiProperty({ type: BoundaryCrossingDto, description: 'Across legacy companies (merger integration)' })
  legacyCompany: BoundaryCrossingDto;
}

class NetworkSummaryDto {
  @nullableNumber('People in at least one interaction')
  people: number | null;
  @nullableNumber('Interactions')
  interactions: number | null;
  @nullableNumber('Density of the person graph')
  density: number | null;
  @nullableNumber('Mean distinct partners')
  averageDegree: number | null;
  @nullableNumber('Connected components')
  components: number | null;
  @nullableNumber('Share of people in the largest component')
  largestComponentShare: number | null;
}

export class NetworkUnitDto {
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty()
  name: string;
  @nullableNumber('Distinct people of the unit in any interaction')
  people: number | null;
  @nullableNumber('Interactions inside the unit')
  internalInteractions: number | null;
  @nullableNumber('Interactions towards other units')
  outgoingInteractions: number | null;
  @nullableNumber('Interactions from other units')
  incomingInteractions: number | null;
  @nullableNumber('Champions in the unit')
  champions: number | null;
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

export class NetworkLinkDto {
  @ApiProperty({ format: 'uuid' })
  source: string;
  @ApiProperty({ format: 'uuid' })
  target: string;
  @ApiProperty()
  interactions: number;
}

export class NetworkReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ type: NetworkSummaryDto })
  summary: NetworkSummaryDto;
  @ApiProperty({ type: CrossingDto })
  crossing: CrossingDto;
  @ApiProperty({ type: [NetworkUnitDto] })
  units: NetworkUnitDto[];
  @ApiProperty({ type: [NetworkLinkDto] })
  links: NetworkLinkDto[];
  @ApiProperty({ description: 'Links withheld because a side has fewer than k people' })
  hiddenLinks: number;
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

class BrokerDto {
  @ApiProperty({ description: 'Keyed hash: no name or e-mail' })
  pseudonym: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
  @ApiProperty({ description: 'Normalized betweenness centrality' })
  betweenness: number;
  @ApiProperty({ description: 'Distinct partners' })
  degree: number;
}

class ChampionDto {
  @ApiProperty()
  pseudonym: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
  @ApiProperty({ format: 'date' })
  adoptedOn: string;
  @ApiProperty({ description: 'Distinct people interacted with' })
  reach: number;
  @ApiProperty()
  interactions: number;
}

export class NetworkPeopleReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ type: [BrokerDto] })
  brokers: BrokerDto[];
  @ApiProperty({ type: [ChampionDto] })
  champions: ChampionDto[];
}

class AdopterCategoryDto {
  @ApiProperty({ enum: ['innovators', 'earlyAdopters', 'earlyMajority', 'lateMajority', 'laggards'] })
  category: string;
  @nullableNumber('Adopters in the category (by adoption time: mean - 2sd, mean - sd, mean, mean + sd)')
  count: number | null;
  @nullableNumber('Share of adopters')
  share: number | null;
  @ApiProperty({ description: "Rogers' share" })
  idealShare: number;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  firstAdoption: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  lastAdoption: string | null;
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

class CurvePointDto {
  @ApiProperty({ format: 'date' })
  week: string;
  @ApiProperty({ description: 'Cumulative adopters at the end of the week' })
  adopters: number;
}

class BassDto {
  @ApiProperty({ description: 'Coefficient of innovation, per week' })
  p: number;
  @ApiProperty({ description: 'Coefficient of imitation, per week' })
  q: number;
  @ApiProperty({ description: 'Market potential (adopters at saturation)' })
  m: number;
  @ApiProperty()
  rSquared: number;
  @ApiProperty()
  converged: boolean;
}

class ForecastDto {
  @ApiProperty()
  targetShare: number;
  @ApiProperty()
  targetAdopters: number;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'When the fitted curve reaches the target',
  })
  date: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '10th percentile (bootstrap)' })
  p10: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '90th percentile (bootstrap)' })
  p90: string | null;
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
}

export class DiffusionReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @nullableNumber('Eligible people at the end of the range')
  eligible: number | null;
  @nullableNumber('Eligible people who have adopted')
  adopters: number | null;
  @ApiProperty({ type: [AdopterCategoryDto] })
  categories: AdopterCategoryDto[];
  @ApiProperty({ type: [CurvePointDto] })
  curve: CurvePointDto[];
  @ApiProperty({ type: BassDto, nullable: true })
  bass: BassDto | null;
  @ApiProperty({ type: ForecastDto, nullable: true })
  forecast: ForecastDto | null;
  @ApiPropertyOptional()
  reason?: string;
  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

class PersonRowDto {
  @ApiProperty({ description: 'Keyed hash: no name or e-mail' })
  pseudonym: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
  @ApiProperty({ enum: ['creator', 'responder', 'reactor', 'observer'], nullable: true })
  persona: string | null;
  @ApiProperty()
  events: number;
  @ApiProperty()
  creations: number;
  @ApiProperty()
  responses: number;
  @ApiProperty()
  reactions: number;
  @ApiProperty()
  activeDays: number;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  firstActiveDay: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  lastActiveDay: string | null;
}

export class PeopleReportDto {
  @ApiProperty({ type: KpiScopeDto })
  scope: KpiScopeDto;
  @ApiProperty({ description: 'People in the population' })
  total: number;
  @ApiProperty({ type: [PersonRowDto], description: 'Most active first, up to `limit`' })
  people: PersonRowDto[];
}
