import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, OrganisationRoles, SOURCE_MANAGERS } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { ConnectionTestResult, Source, SyncRunView } from '@uptake/contracts';
import { ConnectionTestService } from './connection-test.service';
import {
  ConnectionTestResultDto,
  CreateSourceDto,
  SourceDto,
  SyncRunDto,
  toSyncRunView,
  UpdateSourceDto,
} from './sources.dtos';
import { SourcesService } from './sources.service';
import { UUID } from '../common/params';

/** Data sources and their sync runs: for connector maintainers and admins. */
@ApiTags('sources')
@Controller('organisations/:organisationId')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly connectionTests: ConnectionTestService,
  ) {}

  @Get('sources')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiOkResponse({ type: [SourceDto] })
  list(@Param('organisationId', UUID) organisationId: string): Promise<Source[]> {
    return this.sources.list(organisationId);
  }

  @Post('sources')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiCreatedResponse({ type: SourceDto })
  @ApiConflictResponse({ description: 'A source with this name exists' })
  create(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: CreateSourceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Source> {
    return this.sources.create(organisationId, body, principal);
  }

  @Patch('sources/:sourceId')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiOkResponse({ type: SourceDto })
  update(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @Body() body: UpdateSourceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Source> {
    return this.sources.update(organisationId, sourceId, body, principal);
  }

  @Delete('sources/:sourceId')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted with its events and runs' })
  async remove(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.sources.remove(organisationId, sourceId, principal);
  }

  @Post('sources/:sourceId/sync')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue a sync of this source; poll the returned run for progress' })
  @ApiAcceptedResponse({ type: SyncRunDto })
  sync(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SyncRunView> {
    return this.sources.triggerSync(organisationId, sourceId, principal).then(toSyncRunView);
  }

  @Post('sources/:sourceId/connection-test')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "Check the source's stored credentials and each permission its read needs (API connectors); reads no data",
  })
  @ApiOkResponse({
    type: ConnectionTestResultDto,
    description: 'The checks, failed ones naming a missing permission',
  })
  @ApiConflictResponse({
    description: 'A file connector (or one that reads no service): no connection to test',
  })
  testConnection(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConnectionTestResult> {
    return this.connectionTests.test(organisationId, sourceId, principal);
  }
}
