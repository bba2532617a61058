import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { GOAL_KPIS, type GoalKpi } from '@uptake/kpi';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsRealDay } from '../../common/day';

const KPI_KEYS = Object.keys(GOAL_KPIS) as GoalKpi[];

/** Value of time saved by active people: minutes per working day x working days x hourly cost. */
export class TimeSavedModelDto {
  @ApiProperty({ enum: ['time-saved'] })
  @IsIn(['time-saved'])
  kind: 'time-saved';

  @ApiProperty({
    example: 5,
    description: '5 minutes a day over 220 days is about half a working week a year',
  })
  @IsNumber()
  @Min(0)
  @Max(480)
  minutesPerActivePersonPerDay: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 60,
    description: "Left out or null: the organisation's default hourly cost (its settings)",
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  hourlyCost?: number | null;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code like EUR' })
  currency: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: "Left out or null: the organisation's working days per year (its settings, 220 by default)",
  })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(366)
  workingDaysPerYear?: number | null;
}

export class CreateGoalDto {
  @ApiProperty({ example: 'Half the company active every week' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: KPI_KEYS,
    description: Object.entries(GOAL_KPIS)
      .map(([k, d]) => `${k}: ${d}`)
      .join('; '),
  })
  @IsIn(KPI_KEYS, { message: `kpi must be one of ${KPI_KEYS.join(', ')}` })
  kpi: GoalKpi;

  @ApiPropertyOptional({ example: '%', description: 'Display unit' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  unit?: string;

  @ApiProperty({ example: 0.1 })
  @IsNumber()
  baseline: number;

  @ApiProperty({ example: 0.5 })
  @IsNumber()
  target: number;

  @ApiPropertyOptional({
    format: 'date',
    description: 'From EVENT_EARLIEST_DATE up to 10 years ahead',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date YYYY-MM-DD' })
  @Validate(IsRealDay)
  deadline?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this org unit subtree' })
  @IsOptional()
  @IsUUID('all')
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this group (e.g. the pilot)' })
  @IsOptional()
  @IsUUID('all')
  groupId?: string;

  @ApiPropertyOptional({ type: TimeSavedModelDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeSavedModelDto)
  valueModel?: TimeSavedModelDto;
}

export class UpdateGoalDto extends PartialType(CreateGoalDto) {}

class WeeklyValueDto {
  @ApiProperty({ format: 'date' })
  week: string;
  @ApiProperty({ type: Number, nullable: true })
  value: number | null;
}

class GoalProgressDto {
  @ApiProperty({ type: Number, nullable: true })
  current: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  currentWeek: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '0 at the baseline, 1 at the target' })
  progress: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Change per week (least squares over 12 weeks)' })
  trendPerWeek: number | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'When the trend reaches the target',
  })
  projectedDate: string | null;
  @ApiProperty({ enum: ['achieved', 'on-track', 'at-risk', 'off-track', 'no-data'] })
  status: string;
  @ApiProperty({ type: [WeeklyValueDto], description: 'The last 12 weeks, oldest first' })
  series: WeeklyValueDto[];
}

class AnnualValueDto {
  @ApiProperty({ description: 'Weekly active people of the goal scope (latest week)' })
  activePeople: number;
  @ApiProperty()
  hoursPerPersonPerYear: number;
  @ApiProperty()
  hoursPerYear: number;
  @ApiProperty()
  amount: number;
  @ApiProperty()
  currency: string;
  @ApiProperty({ description: "The hourly cost used: the goal's own or the organisation's default" })
  hourlyCost: number;
  @ApiProperty({ description: "The working days per year used: the goal's own or the organisation's" })
  workingDaysPerYear: number;
}

export class GoalDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ enum: KPI_KEYS })
  kpi: string;
  @ApiProperty()
  kpiDescription: string;
  @ApiProperty()
  unit: string;
  @ApiProperty()
  baseline: number;
  @ApiProperty()
  target: number;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  deadline: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orgUnitId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  groupId: string | null;
  @ApiProperty({ type: TimeSavedModelDto, nullable: true })
  valueModel: TimeSavedModelDto | null;
  @ApiProperty({ type: GoalProgressDto })
  progress: GoalProgressDto;
  @ApiProperty({
    type: AnnualValueDto,
    nullable: true,
    description: 'Null without a value model or when withheld',
  })
  annualValue: AnnualValueDto | null;
}
