import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, OrganisationRoles, SOURCE_MANAGERS } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import type { QuarantinedRecordView, SyncRunView } from '@uptake/contracts';
import {
  QuarantinedRecordDto,
  QuarantineQueryDto,
  SyncRunDto,
  SyncRunsQueryDto,
  toQuarantinedRecordView,
  toSyncRunView,
} from './sources.dtos';
import { SourcesService } from './sources.service';
import { SyncRunsService } from './sync-runs.service';

/** Sync runs: history and progress, dead letters (failed runs) and their retry, quarantined records. */
@ApiTags('sync-runs')
@Controller('organisations/:organisationId')
export class SyncRunsController {
  constructor(
    private readonly runs: SyncRunsService,
    private readonly sources: SourcesService,
  ) {}

  @Get('sync-runs')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiOperation({
    summary: "The organisation's sync runs, newest first; status=failed is the dead-letter view",
  })
  @ApiOkResponse({ type: [SyncRunDto] })
  async list(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: SyncRunsQueryDto,
  ): Promise<SyncRunView[]> {
    return (await this.runs.list(organisationId, query)).map(toSyncRunView);
  }

  @Get('sources/:sourceId/sync-runs')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiOkResponse({ type: [SyncRunDto], description: 'Newest first' })
  async sourceRuns(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @Query() query: SyncRunsQueryDto,
  ): Promise<SyncRunView[]> {
    await this.sources.get(organisationId, sourceId);
    return (await this.runs.list(organisationId, { ...query, sourceId })).map(toSyncRunView);
  }

  @Get('sync-runs/:syncRunId')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiOkResponse({ type: SyncRunDto })
  async get(
    @Param('organisationId', UUID) organisationId: string,
    @Param('syncRunId', UUID) syncRunId: string,
  ): Promise<SyncRunView> {
    return toSyncRunView(await this.runs.get(organisationId, syncRunId));
  }

  @Post('sync-runs/:syncRunId/retry')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Retry a failed run; it resumes from its last committed checkpoint' })
  @ApiAcceptedResponse({ type: SyncRunDto })
  @ApiConflictResponse({
    description:
      'The run has not failed, or its uploaded file is no longer kept (SPOOL_FAILED_RETENTION_DAYS)',
  })
  async retry(
    @Param('organisationId', UUID) organisationId: string,
    @Param('syncRunId', UUID) syncRunId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SyncRunView> {
    return toSyncRunView(await this.runs.retry(organisationId, syncRunId, principal));
  }

  @Get('sync-runs/:syncRunId/quarantined-records')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @ApiOperation({
    summary: 'Records the run could not read: where (file, line, field) and why; never their content',
  })
  @ApiOkResponse({ type: [QuarantinedRecordDto] })
  async quarantined(
    @Param('organisationId', UUID) organisationId: string,
    @Param('syncRunId', UUID) syncRunId: string,
    @Query() query: QuarantineQueryDto,
  ): Promise<QuarantinedRecordView[]> {
    return (await this.runs.quarantined(organisationId, syncRunId, query)).map(toQuarantinedRecordView);
  }
}
