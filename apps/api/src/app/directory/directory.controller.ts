import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { groupViewSchema, orgUnitViewSchema, type GroupView, type OrgUnitView } from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { UUID } from '../common/params';
import { DirectoryService } from './directory.service';

class OrgUnitViewDto extends createZodDto(orgUnitViewSchema) {}
class GroupViewDto extends createZodDto(groupViewSchema) {}

@ApiTags('directory')
@Controller('organisations/:organisationId')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('org-units')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Org units in tree order (parents before children), with head counts' })
  @ApiOkResponse({ type: [OrgUnitViewDto.Output] })
  orgUnits(@Param('organisationId', UUID) organisationId: string): Promise<OrgUnitView[]> {
    return this.directory.orgUnits(organisationId);
  }

  @Get('groups')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Groups: cohorts (pilots, rollout phases) first, then channels and communities' })
  @ApiOkResponse({ type: [GroupViewDto.Output] })
  groups(@Param('organisationId', UUID) organisationId: string): Promise<GroupView[]> {
    return this.directory.groups(organisationId);
  }
}
