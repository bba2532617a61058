import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { GROUP_KINDS, ORG_UNIT_KINDS, type GroupView, type OrgUnitView } from '@uptake/contracts';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { UUID } from '../common/params';
import { DirectoryService } from './directory.service';

class OrgUnitDto implements OrgUnitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind: OrgUnitView['kind'];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'People in the subtree (directory); null below k',
  })
  people: number | null;
}

class GroupDto implements GroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GROUP_KINDS }) kind: GroupView['kind'];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for cohorts defined in Uptake',
  })
  sourceId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null below k' }) members: number | null;
}

@ApiTags('directory')
@Controller('organisations/:organisationId')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('org-units')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Org units in tree order (parents before children), with head counts' })
  @ApiOkResponse({ type: [OrgUnitDto] })
  orgUnits(@Param('organisationId', UUID) organisationId: string): Promise<OrgUnitView[]> {
    return this.directory.orgUnits(organisationId);
  }

  @Get('groups')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Groups: cohorts (pilots, rollout phases) first, then channels and communities' })
  @ApiOkResponse({ type: [GroupDto] })
  groups(@Param('organisationId', UUID) organisationId: string): Promise<GroupView[]> {
    return this.directory.groups(organisationId);
  }
}
