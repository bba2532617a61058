import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HealthComponent, HealthReport } from '@uptake/contracts';

export class HealthComponentDto implements HealthComponent {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Round trip of the check in ms' })
  latencyMs?: number;

  @ApiPropertyOptional()
  error?: string;
}

class HealthComponentsDto {
  @ApiProperty({ type: HealthComponentDto })
  postgres: HealthComponentDto;

  @ApiProperty({ type: HealthComponentDto })
  redis: HealthComponentDto;
}

export class HealthReportDto implements HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status: 'ok' | 'degraded';

  @ApiProperty({ type: HealthComponentsDto })
  components: HealthComponentsDto;
}
