import {
  connectionTestResultSchema,
  connectorInfoSchema,
  createSourceSchema,
  quarantinedRecordSchema,
  quarantineQuerySchema,
  sourceSchema,
  syncRunSchema,
  syncRunsQuerySchema,
  updateSourceSchema,
  uploadQuerySchema,
  type QuarantinedRecordView,
  type SyncRunView,
} from '@uptake/contracts';
import type { QuarantinedRecord, SyncRun } from '@uptake/persistence';
import { createZodDto } from 'nestjs-zod';

/** Nest needs classes for parameters and OpenAPI; each is its contract schema and nothing else. */
export class SourceDto extends createZodDto(sourceSchema) {}
export class CreateSourceDto extends createZodDto(createSourceSchema) {}
export class UpdateSourceDto extends createZodDto(updateSourceSchema) {}
export class SyncRunDto extends createZodDto(syncRunSchema) {}
export class SyncRunsQueryDto extends createZodDto(syncRunsQuerySchema) {}
export class QuarantinedRecordDto extends createZodDto(quarantinedRecordSchema) {}
export class QuarantineQueryDto extends createZodDto(quarantineQuerySchema) {}
export class UploadQueryDto extends createZodDto(uploadQuerySchema) {}
export class ConnectorInfoDto extends createZodDto(connectorInfoSchema) {}
export class ConnectionTestResultDto extends createZodDto(connectionTestResultSchema) {}

/** The API view of a run: its checkpoint, event span and the spool path of its file stay on the server. */
export function toSyncRunView(run: SyncRun): SyncRunView {
  const durationMs = run.startedAt
    ? (run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime()
    : null;
  return {
    id: run.id,
    sourceId: run.sourceId,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs,
    recordsRead: run.recordsRead,
    recordsInserted: run.recordsInserted,
    recordsDuplicate: run.recordsDuplicate,
    recordsUpdated: run.recordsUpdated,
    recordsQuarantined: run.recordsQuarantined,
    recordsUsage: run.recordsUsage,
    recordsDirectory: run.recordsDirectory,
    progressDone: run.progressDone,
    progressTotal: run.progressTotal,
    attempts: run.attempts,
    input: run.input ? { fileName: run.input.fileName, size: run.input.size } : null,
    error: run.error,
    warnings: run.warnings,
    createdAt: run.createdAt.toISOString(),
  };
}

export function toQuarantinedRecordView(record: QuarantinedRecord): QuarantinedRecordView {
  return {
    id: record.id,
    organisationId: record.organisationId,
    sourceId: record.sourceId,
    syncRunId: record.syncRunId,
    file: record.file,
    line: record.line,
    field: record.field,
    recordId: record.recordId,
    reason: record.reason,
    createdAt: record.createdAt.toISOString(),
  };
}
