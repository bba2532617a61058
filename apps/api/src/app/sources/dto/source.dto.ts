import { ApiProperty } from '@nestjs/swagger';

export class SourceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'demo' })
  connectorType: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Cron expression of scheduled syncs' })
  schedule: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Non-secret connector settings' })
  settings: Record<string, unknown>;
}

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
