import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrganisationSummary } from '@uptake/contracts';
import { OrganisationSummaryDto } from './organisation-summary.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOkResponse({ type: [OrganisationSummaryDto] })
  list(): Promise<OrganisationSummary[]> {
    return this.organisations.list();
  }
}
