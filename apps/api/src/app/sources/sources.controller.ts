import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SourceDto, SyncRunDto } from './dto/source.dto';
import { SourcesService } from './sources.service';

const uuid = () => new ParseUUIDPipe({ version: '4' });

@ApiTags('sources')
@ApiNotFoundResponse({ description: 'No such organisation, source or run' })
@Controller('organisations/:organisationId')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get('sources')
  @ApiOkResponse({ type: [SourceDto] })
  list(@Param('organisationId', uuid()) organisationId: string): Promise<SourceDto[]> {
    return this.sources.list(organisationId);
  }

  @Post('sources/:sourceId/sync')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue a sync of this source; poll the returned run for progress' })
  @ApiAcceptedResponse({ type: SyncRunDto })
  sync(
    @Param('organisationId', uuid()) organisationId: string,
    @Param('sourceId', uuid()) sourceId: string,
  ): Promise<SyncRunDto> {
    return this.sources.triggerSync(organisationId, sourceId);
  }

  @Get('sources/:sourceId/sync-runs')
  @ApiOkResponse({ type: [SyncRunDto], description: 'The latest 100 runs, newest first' })
  runs(
    @Param('organisationId', uuid()) organisationId: string,
    @Param('sourceId', uuid()) sourceId: string,
  ): Promise<SyncRunDto[]> {
    return this.sources.syncRuns(organisationId, sourceId);
  }

  @Get('sync-runs/:syncRunId')
  @ApiOkResponse({ type: SyncRunDto })
  run(
    @Param('organisationId', uuid()) organisationId: string,
    @Param('syncRunId', uuid()) syncRunId: string,
  ): Promise<SyncRunDto> {
    return this.sources.syncRun(organisationId, syncRunId);
  }
}
