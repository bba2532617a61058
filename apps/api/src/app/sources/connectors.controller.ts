import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CONNECTOR_TYPES, type ConnectorInfo } from '@uptake/contracts';
import { CONNECTORS } from '@uptake/connectors';
import { z } from 'zod';
import { Authenticated } from '../auth/auth.decorators';

class ConnectorInfoDto implements ConnectorInfo {
  @ApiProperty({ enum: CONNECTOR_TYPES }) type: ConnectorInfo['type'];
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['api', 'file'] }) input: ConnectorInfo['input'];
  @ApiProperty({ type: [String], example: ['.csv', '.ndjson'] }) fileExtensions: string[];
  @ApiProperty({ type: [String] }) streams: string[];
  @ApiProperty({ description: 'JSON Schema of the settings' }) settingsSchema: Record<string, unknown>;
  @ApiProperty({ description: 'JSON Schema of the credentials (values are never returned anywhere)' })
  credentialsSchema: Record<string, unknown>;
}

/** The installed connectors, described from their own schemas (one source of truth with validation). */
@ApiTags('sources')
@Controller('connectors')
export class ConnectorsController {
  private readonly catalogue: ConnectorInfo[] = [...CONNECTORS.values()].map((connector) => ({
    type: connector.type as ConnectorInfo['type'],
    title: connector.title,
    input: connector.input,
    fileExtensions: [...(connector.fileExtensions ?? [])],
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
