import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DailyActivityPoint, DailyActivitySeries, SuppressionReason } from '@uptake/contracts';

export class SuppressionReasonDto implements SuppressionReason {
  @ApiProperty({ enum: ['below-k'] })
  code: 'below-k';

  @ApiProperty({ description: 'The k in force' })
  minGroupSize: number;
}

export class DailyActivityPointDto implements DailyActivityPoint {
  @ApiProperty({ format: 'date' })
  day: string;

  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' })
  activePeople: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' })
  events: number | null;

  @ApiPropertyOptional({ type: SuppressionReasonDto })
  suppressed?: SuppressionReasonDto;
}

export class DailyActivitySeriesDto implements DailyActivitySeries {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date' })
  to: string;

  @ApiProperty()
  minGroupSize: number;

  @ApiProperty({ type: [DailyActivityPointDto] })
  points: DailyActivityPointDto[];
}
