import { ApiProperty } from '@nestjs/swagger';
import type { OrganisationSummary } from '@uptake/contracts';

export class OrganisationSummaryDto implements OrganisationSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  slug: string;

  @ApiProperty({ description: 'k: aggregates over fewer distinct people than this are suppressed' })
  minGroupSize: number;

  @ApiProperty({
    description:
      'Counts are perturbed by the cell-key method (at most ±2 people, the same figure for the same people every time)',
  })
  perturbation: boolean;

  @ApiProperty({ description: 'People currently in the directory (not left)' })
  people: number;
}
