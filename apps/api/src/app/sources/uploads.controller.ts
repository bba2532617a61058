import { Body, Controller, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { webhookBatchShapeSchema } from '@uptake/connectors';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, OrganisationRoles, SOURCE_MANAGERS } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import type { SyncRunView } from '@uptake/contracts';
import { SyncRunDto, toSyncRunView, UploadQueryDto } from './sources.dtos';
import { UploadsService } from './uploads.service';

type ApiBodySchema = NonNullable<Extract<Parameters<typeof ApiBody>[0], { schema?: unknown }>['schema']>;

// The batch's documented shape is the schema the API checks before spooling (each event is then read, and
// quarantined field by field, by the webhook connector).
const { $schema: _dialect, ...WEBHOOK_BATCH_DOC } = z.toJSONSchema(webhookBatchShapeSchema);

/** Files for file-based connectors, and webhook pushes: each becomes a sync run the worker processes. */
@ApiTags('sources')
@Controller('organisations/:organisationId/sources/:sourceId')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post('uploads')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Upload a file (Slack export zip, CSV, NDJSON) as the raw request body; it is streamed to disk',
    description:
      'Send the file as the body (any content type, e.g. application/octet-stream) with ?filename=. ' +
      'The size limit is UPLOAD_MAX_MB. The returned run reports progress (progressDone/progressTotal bytes).',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: SyncRunDto })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_MAX_MB' })
  @ApiUnsupportedMediaTypeResponse({ description: "The file's extension is not one the connector reads" })
  async upload(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @Query() query: UploadQueryDto,
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SyncRunView> {
    const length = Number(request.headers['content-length']);
    const run = await this.uploads.upload(
      organisationId,
      sourceId,
      query.filename,
      request,
      Number.isFinite(length) ? length : undefined,
      principal,
    );
    return toSyncRunView(run);
  }

  @Post('events')
  @OrganisationRoles(...SOURCE_MANAGERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Webhook: push a batch of up to 5,000 events ({ "events": [...] }) with an API token',
    description:
      'Idempotent by externalId: a re-sent batch stores nothing twice. Bad events are quarantined with ' +
      'their index and field; the rest land. Poll the returned run for the outcome.',
  })
  @ApiBody({ schema: WEBHOOK_BATCH_DOC as ApiBodySchema })
  @ApiAcceptedResponse({ type: SyncRunDto })
  async events(
    @Param('organisationId', UUID) organisationId: string,
    @Param('sourceId', UUID) sourceId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SyncRunView> {
    return toSyncRunView(await this.uploads.webhookBatch(organisationId, sourceId, body, principal));
  }
}
