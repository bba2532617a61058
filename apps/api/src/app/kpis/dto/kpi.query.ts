import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { GRANULARITIES, type Granularity } from '@uptake/kpi';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DateRangeQuery } from '../../activity/dto/date-range.query';
import { LimitQuery } from '../../common/list.query';

/** Filters shared by every KPI endpoint. */
export class KpiQuery extends DateRangeQuery {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'week', description: 'Weeks run Monday to Sunday' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity: Granularity = 'week';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only people in this org unit and the units below it' })
  @IsOptional()
  @IsUUID('all', { message: 'orgUnitId must be a UUID' })
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this group (e.g. the pilot cohort)' })
  @IsOptional()
  @IsUUID('all', { message: 'groupId must be a UUID' })
  groupId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the people a rollout phase targets (the phase's cohort); not combined with groupId",
  })
  @IsOptional()
  @IsUUID('all', { message: 'phaseId must be a UUID' })
  phaseId?: string;
}

export class RetentionQuery extends KpiQuery {
  @ApiPropertyOptional({
    default: 4,
    minimum: 1,
    maximum: 26,
    description: 'Silent weeks that count as stopped',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'silentWeeks must be a whole number' })
  @Min(1)
  @Max(26)
  silentWeeks = 4;
}

export class NetworkPeopleQuery extends KpiQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'top must be a whole number' })
  @Min(1)
  @Max(200)
  top = 20;
}

export class DiffusionQuery extends KpiQuery {
  @ApiPropertyOptional({
    type: Number,
    default: 0.6,
    minimum: 0.01,
    maximum: 1,
    description: 'Adoption share to forecast',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'targetShare must be a number' })
  @Min(0.01)
  @Max(1)
  targetShare = 0.6;

  @ApiPropertyOptional({
    type: Number,
    default: 104,
    minimum: 1,
    maximum: 520,
    description: 'Weeks ahead to look',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'horizonWeeks must be a whole number' })
  @Min(1)
  @Max(520)
  horizonWeeks = 104;
}

/** The KPI filters plus the shared list cap (`limit`, at most 200). */
export class PeopleQuery extends IntersectionType(KpiQuery, LimitQuery) {}
