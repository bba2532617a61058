import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConnectorInfo } from '@uptake/contracts';
import { CONNECTORS } from '@uptake/connectors';
import { z } from 'zod';
import { Authenticated } from '../auth/auth.decorators';
import { ConnectorInfoDto } from './sources.dtos';

/** The installed connectors, described from their own schemas (one source of truth with validation). */
@ApiTags('sources')
@Controller('connectors')
export class ConnectorsController {
  private readonly catalogue: ConnectorInfo[] = [...CONNECTORS.values()].map((connector) => ({
    type: connector.type as ConnectorInfo['type'],
    title: connector.title,
    input: connector.input,
    fileExtensions: [...(connector.fileExtensions ?? [])],
    connectionTest: connector.input === 'api' && typeof connector.testConnection === 'function',
    streams: [...connector.streams],
    settingsSchema: z.toJSONSchema(connector.settingsSchema, { io: 'input', unrepresentable: 'any' }),
    credentialsSchema: z.toJSONSchema(connector.credentialsSchema, { io: 'input', unrepresentable: 'any' }),
  }));

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Connector types with their input, file extensions and settings/credentials schemas',
  })
  @ApiOkResponse({ type: [ConnectorInfoDto] })
  list(): ConnectorInfo[] {
    return this.catalogue;
  }
}
