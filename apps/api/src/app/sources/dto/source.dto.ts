import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { CONNECTOR_TYPES, type ConnectorType } from '@uptake/contracts';
import { SYNC_RUN_STATUSES, type SyncRun, type SyncRunStatus } from '@uptake/persistence';
import { LimitQuery } from '../../common/list.query';
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

  @ApiPropertyOptional({ example: '0 3 * * *', maxLength: 100 })
  @IsOptional()
  @MaxLength(100)
  @Matches(CRON, { message: 'schedule must be a cron expression with 5 or 6 fields' })
  schedule?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Any of the creatable fields but the connector type; `credentials` replaces the stored ones. */
export class UpdateSourceDto extends PartialType(OmitType(CreateSourceDto, ['connectorType'] as const)) {}

export class SyncRunFileDto {
  @ApiProperty()
  fileName: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;
}

export class RunWarningDto {
  @ApiProperty({ example: 'slack.skipped-entry', description: 'Stable code of the warning' })
  code: string;

  @ApiProperty({ description: 'What happened and what it means for the figures' })
  message: string;

  @ApiProperty({ description: 'How often it happened in the run (aggregated)' })
  count: number;

  @ApiPropertyOptional({ description: 'The file or archive entry it is about' })
  file?: string;
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

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Milliseconds from start to finish (so far, while running)',
  })
  durationMs: number | null;

  @ApiProperty()
  recordsRead: number;

  @ApiProperty()
  recordsInserted: number;

  @ApiProperty()
  recordsDuplicate: number;

  @ApiProperty({ description: 'Usage report counts a republished report corrected or withdrew' })
  recordsUpdated: number;

  @ApiProperty()
  recordsQuarantined: number;

  @ApiProperty({ description: 'Daily usage figures stored (e-mail, meetings)' })
  recordsUsage: number;

  @ApiProperty({ description: 'Org units and people upserted from a directory' })
  recordsDirectory: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Progress: bytes of the file, or pages/days read',
  })
  progressDone: number | null;

  @ApiProperty({ type: Number, nullable: true })
  progressTotal: number | null;

  @ApiProperty({ description: 'Attempts started (retries and take-overs after a worker died)' })
  attempts: number;

  @ApiProperty({ type: SyncRunFileDto, nullable: true, description: 'The uploaded file or webhook batch' })
  input: SyncRunFileDto | null;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty({
    type: [RunWarningDto],
    description:
      'What the run wants its maintainer to know besides bad records (skipped files, fallback identities, counts without people); at most 50 distinct, counts aggregated',
  })
  warnings: RunWarningDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

export class QuarantinedRecordDto {
  @ApiProperty({ description: 'Sequence number; pass as `after` to page on' })
  id: string;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  syncRunId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'File (or file inside an archive)' })
  file: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Line (CSV, NDJSON) or entry index (JSON)' })
  line: number | null;

  @ApiProperty({ type: String, nullable: true })
  field: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The record's id in the source, when it has one",
  })
  recordId: string | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

/** The API view of a run: the spool path of its file stays on the server. */
export function toSyncRunDto(run: SyncRun): SyncRunDto {
  const {
    input,
    checkpoint: _checkpoint,
    affectedFrom: _from,
    affectedTo: _to,
    organisationId: _org,
    ...rest
  } = run;
  const durationMs = run.startedAt
    ? (run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime()
    : null;
  return { ...rest, durationMs, input: input ? { fileName: input.fileName, size: input.size } : null };
}

export class SyncRunsQuery extends LimitQuery {
  @ApiPropertyOptional({
    enum: SYNC_RUN_STATUSES,
    description: "'failed' lists the dead letters: runs that failed for good, with their error",
  })
  @IsOptional()
  @IsIn(SYNC_RUN_STATUSES, { message: `status must be one of ${SYNC_RUN_STATUSES.join(', ')}` })
  status?: SyncRunStatus;
}

export class QuarantineQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Continue after this id (exclusive)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be an id from a previous page' })
  after?: string;
}

export class UploadQuery {
  @ApiProperty({ example: 'export.zip', description: "The file's name: its extension selects the format" })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(/^[^/\\\0]+$/, { message: 'filename must be a plain file name without a path' })
  filename: string;
}
