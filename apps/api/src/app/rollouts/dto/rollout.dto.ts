import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GATE_METRIC_KEYS,
  type ComparisonTarget,
  type GateCriterion,
  type GateEvaluation,
  type PopulationTarget,
  type RolloutPlanStatus,
} from '@uptake/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
} from 'class-validator';
import { IsRealDay } from '../../common/day';
import { LimitQuery } from '../../common/list.query';

const PLAN_STATUSES: RolloutPlanStatus[] = ['draft', 'active', 'completed', 'archived'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

class PopulationTargetDto implements PopulationTarget {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Org units (with their subtrees)' })
  orgUnitIds: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Groups or cohorts whose members are in' })
  groupIds: string[];
  @ApiProperty({ type: [String], description: 'People by pseudonym' })
  pseudonyms: string[];
  @ApiProperty({
    description:
      'Every rule must hold: {attribute: level|location|legacyUnitId, values: [...]}. All lists empty = everyone.',
    example: [{ attribute: 'level', values: [3, 4] }],
  })
  rules: PopulationTarget['rules'];
}

class GateCriterionDto implements GateCriterion {
  @ApiProperty({ description: 'Stable id within the phase (generated when left out)' })
  id: string;
  @ApiProperty({ enum: GATE_METRIC_KEYS })
  metric: GateCriterion['metric'];
  @ApiProperty({ enum: ['>=', '<='] })
  operator: GateCriterion['operator'];
  @ApiProperty({ description: 'Shares as fractions (0.4 = 40%), hours as hours', example: 0.4 })
  threshold: number;
  @ApiProperty({ minimum: 1, maximum: 26, default: 1 })
  consecutiveWeeks: number;
}

/**
 * A phase as sent by a client. The nested target, comparison and criteria are checked by the rollout library's
 * schema, whose messages name the field (`gateCriteria[1].threshold: …`).
 */
export class PhaseBodyDto {
  @ApiProperty({ example: 'Pilot' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'From EVENT_EARLIEST_DATE up to 10 years ahead',
  })
  @IsOptional()
  plannedStart?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'From EVENT_EARLIEST_DATE up to 10 years ahead',
  })
  @IsOptional()
  plannedEnd?: string | null;

  @ApiPropertyOptional({ type: PopulationTargetDto })
  @IsOptional()
  @IsObject({ message: 'target must be an object' })
  target?: PopulationTarget;

  @ApiPropertyOptional({
    description: "{kind: 'rest-of-organisation'} (default) or {kind: 'target', ...a target}",
    example: { kind: 'rest-of-organisation' },
  })
  @IsOptional()
  @IsObject({ message: 'comparison must be an object' })
  comparison?: ComparisonTarget;

  @ApiPropertyOptional({ type: [GateCriterionDto], maxItems: 20 })
  @IsOptional()
  @IsArray({ message: 'gateCriteria must be a list' })
  @ArrayMaxSize(20)
  gateCriteria?: Omit<GateCriterion, 'id'>[];
}

export class CreatePlanDto {
  @ApiProperty({ example: 'Viva Engage rollout 2027' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({
    enum: ['default', 'empty'],
    default: 'default',
    description: 'default: Pilot (12 weeks) → Best cases (12) → Full rollout (26) with common gate criteria',
  })
  @IsOptional()
  @IsIn(['default', 'empty'], { message: "template must be 'default' or 'empty'" })
  template: 'default' | 'empty' = 'default';

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day of the pilot (default: today), from EVENT_EARLIEST_DATE up to 10 years ahead',
  })
  @IsOptional()
  @Matches(DAY, { message: 'startDate must be a date YYYY-MM-DD' })
  @Validate(IsRealDay)
  startDate?: string;

  @ApiPropertyOptional({ type: PopulationTargetDto, description: "The default template's pilot population" })
  @IsOptional()
  @IsObject({ message: 'pilotTarget must be an object' })
  pilotTarget?: PopulationTarget;
}

export class UpdatePlanDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({
    enum: PLAN_STATUSES,
    description: 'archive or re-open a plan; a plan becomes active when its first phase is started',
  })
  @IsOptional()
  @IsIn(PLAN_STATUSES, { message: `status must be one of ${PLAN_STATUSES.join(', ')}` })
  status?: RolloutPlanStatus;
}

export class AdvanceDto {
  @ApiPropertyOptional({ description: 'Why; required when overriding a gate that has not passed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Advance although the latest gate evaluation did not pass',
  })
  @IsOptional()
  @IsBoolean({ message: 'override must be true or false' })
  override = false;
}

export class ComparisonQuery {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'First week compared (snapped to the next Monday); not before EVENT_EARLIEST_DATE, at most 52 weeks before `to`',
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  @Validate(IsRealDay)
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day (the last complete week before it counts); not after tomorrow (UTC)',
  })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  @Validate(IsRealDay)
  to?: string;
}

export class EvaluationsQuery extends LimitQuery {}

class CriterionWeekDto {
  @ApiProperty({ format: 'date' }) week: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) met: boolean | null;
}

class CriterionEvaluationDto {
  @ApiProperty() criterionId: string;
  @ApiProperty({ enum: GATE_METRIC_KEYS }) metric: string;
  @ApiProperty({ enum: ['>=', '<='] }) operator: string;
  @ApiProperty() threshold: number;
  @ApiProperty() consecutiveWeeks: number;
  @ApiProperty({ enum: ['pass', 'at-risk', 'fail', 'no-data'] }) status: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Latest complete week' }) value: number | null;
  @ApiProperty({ description: 'Weeks in a row the condition held' }) weeksMet: number;
  @ApiProperty({ type: [CriterionWeekDto] }) evidence: CriterionWeekDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) forecastDate: string | null;
  @ApiProperty({ enum: ['bass', 'trend'], nullable: true }) forecastMethod: string | null;
  @ApiProperty() explanation: string;
}

export class GateEvaluationDto implements Omit<GateEvaluation, 'criteria'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) phaseId: string;
  @ApiProperty({ format: 'date-time' }) evaluatedAt: string;
  @ApiProperty({ format: 'date', description: 'Last day with data looked at' }) asOf: string;
  @ApiProperty({ enum: ['schedule', 'ingest', 'manual', 'change'] }) trigger: GateEvaluation['trigger'];
  @ApiProperty({ enum: ['pass', 'at-risk', 'fail', 'no-data'] }) status: GateEvaluation['status'];
  @ApiProperty({ type: Number, nullable: true, description: 'People in the phase (null below k)' })
  population: number | null;
  @ApiProperty({ type: [CriterionEvaluationDto] }) criteria: CriterionEvaluationDto[];
}

class RolloutPhaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['planned', 'active', 'completed', 'skipped'] }) status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) plannedStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) plannedEnd: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: PopulationTargetDto }) target: PopulationTargetDto;
  @ApiProperty({ example: { kind: 'rest-of-organisation' } }) comparison: ComparisonTarget;
  @ApiProperty({ type: [GateCriterionDto] }) gateCriteria: GateCriterionDto[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Cohort group of the phase: use it as groupId in any KPI endpoint',
  })
  cohortGroupId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) comparisonGroupId: string | null;
  @ApiProperty({ type: GateEvaluationDto, nullable: true }) latestEvaluation: GateEvaluationDto | null;
}

export class RolloutPlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [RolloutPhaseDto] }) phases: RolloutPhaseDto[];
}

export class PhaseTransitionDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, description: 'E-mail of the user who advanced' })
  actor: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) fromPhaseId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) toPhaseId: string | null;
  @ApiProperty() overridden: boolean;
  @ApiProperty({ type: String, nullable: true }) gateStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

class ComparisonWeekDto {
  @ApiProperty({ format: 'date' }) week: string;
  @ApiProperty({ type: Number, nullable: true }) phase: number | null;
  @ApiProperty({ type: Number, nullable: true }) comparison: number | null;
}

class ComparisonMetricDto {
  @ApiProperty({ enum: GATE_METRIC_KEYS }) metric: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['share', 'hours'] }) unit: string;
  @ApiProperty({ type: Number, nullable: true }) phase: number | null;
  @ApiProperty({ type: Number, nullable: true }) comparison: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'phase − comparison' }) difference: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '95% interval, low' }) low: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '95% interval, high' }) high: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The interval excludes 0' })
  significant: boolean | null;
  @ApiProperty({ type: [ComparisonWeekDto] }) weeks: ComparisonWeekDto[];
}

export class ComparisonReportDto {
  @ApiProperty({ format: 'uuid' }) phaseId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: Number, nullable: true }) phasePopulation: number | null;
  @ApiProperty({ type: Number, nullable: true }) comparisonPopulation: number | null;
  @ApiProperty() comparisonLabel: string;
  @ApiProperty({
    type: [ComparisonMetricDto],
    description:
      "Shares: the latest week both were measured, Newcombe's score interval; hours: the mean over the weeks, t interval of weekly differences",
  })
  metrics: ComparisonMetricDto[];
}
