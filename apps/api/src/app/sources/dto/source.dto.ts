import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { CONNECTOR_TYPES, type ConnectorType } from '@uptake/contracts';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class SourceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: CONNECTOR_TYPES })
  connectorType: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Cron expression of scheduled syncs' })
  schedule: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Non-secret connector settings' })
  settings: Record<string, unknown>;

  @ApiProperty({ description: 'Whether credentials are stored (they are never returned)' })
  hasCredentials: boolean;
}

// Five or six space-separated cron fields; the scheduler validates the expression itself when it is used.
const CRON = /^(\S+\s+){4,5}\S+$/;

export class CreateSourceDto {
  @ApiProperty({ example: 'Slack (main workspace)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: CONNECTOR_TYPES })
  @IsIn(CONNECTOR_TYPES, { message: `connectorType must be one of ${CONNECTOR_TYPES.join(', ')}` })
  connectorType: ConnectorType;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Secrets (tokens, client secrets): encrypted at rest, never returned or logged',
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional({ example: '0 3 * * *' })
  @IsOptional()
  @Matches(CRON, { message: 'schedule must be a cron expression with 5 or 6 fields' })
  schedule?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Any of the creatable fields but the connector type; `credentials` replaces the stored ones. */
export class UpdateSourceDto extends PartialType(OmitType(CreateSourceDto, ['connectorType'] as const)) {}

export class SyncRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sourceId: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] })
  status: string;

  @ApiProperty({ enum: ['manual', 'schedule', 'upload', 'webhook', 'demo'] })
  trigger: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: Date | null;

  @ApiProperty()
  recordsRead: number;

  @ApiProperty()
  recordsInserted: number;

  @ApiProperty()
  recordsDuplicate: number;

  @ApiProperty()
  recordsQuarantined: number;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}
