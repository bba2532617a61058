import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrganisationSummary } from '@uptake/contracts';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { OrganisationSummaryDto } from './organisations.dtos';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [OrganisationSummaryDto], description: "The caller's organisations" })
  list(@CurrentPrincipal() principal: Principal): Promise<OrganisationSummary[]> {
    return this.organisations.list([...principal.roles.keys()]);
  }
}
