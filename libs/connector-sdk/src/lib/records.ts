import { ACTIVITY_TYPES, GROUP_KINDS, ORG_UNIT_KINDS } from '@uptake/contracts';
import { z } from 'zod';

/**
 * The normalised records every connector emits. Person ids here are the source's identity keys
 * (e-mail address when the source has one, so people match across sources); the pipeline replaces
 * them with keyed hashes before anything is stored. No record carries message text.
 */

const externalId = z.string().trim().min(1).max(512);
const day = z.iso.date();

export const orgUnitRecordSchema = z.strictObject({
  externalId,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ORG_UNIT_KINDS),
  parentExternalId: externalId.nullable(),
});
export type OrgUnitRecord = z.infer<typeof orgUnitRecordSchema>;

/** A directory entry (HR import): the denominator of adoption. */
export const personRecordSchema = z.strictObject({
  externalId,
  orgUnitExternalId: externalId.nullable(),
  legacyCompanyExternalId: externalId.nullable(),
  managerExternalId: externalId.nullable(),
  /** Hierarchy level, 1 = top. */
  level: z.number().int().min(1).max(20).nullable(),
  location: z.string().trim().max(200).nullable(),
  startDate: day.nullable(),
  /** Last day of employment, for people who left. */
  endDate: day.nullable(),
});
export type PersonRecord = z.infer<typeof personRecordSchema>;

/** A container of activity: channel, community, team. */
export const groupRecordSchema = z.strictObject({
  externalId,
  name: z.string().trim().min(1).max(300),
  kind: z.enum(GROUP_KINDS),
  isPrivate: z.boolean(),
  /** Member identity keys when the source lists them; null when it does not (memberships are kept). */
  memberExternalIds: z.array(externalId).nullable(),
});
export type GroupRecord = z.infer<typeof groupRecordSchema>;

export const activityRecordSchema = z.strictObject({
  /** Unique within the source and stable across reads: re-reading never duplicates. */
  externalId,
  occurredAt: z.date(),
  actorExternalId: externalId,
  type: z.enum(ACTIVITY_TYPES),
  groupExternalId: externalId.nullable(),
  /** External id of the thread's root post. */
  threadExternalId: externalId.nullable(),
  /** The person replied to, reacted to or mentioned. */
  targetExternalId: externalId.nullable(),
  /** Length of the message text; the text itself is never kept. */
  contentLength: z.number().int().min(0).nullable(),
  /** Interactions this record stands for: 1 for event-level sources, N for a daily usage-report row. */
  count: z.number().int().min(1),
});
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

/**
 * A daily figure that is not social activity (e-mails sent, meetings attended): the baseline of
 * business cases such as e-mail reduction. Re-reading the same day replaces the value.
 */
export const usageRecordSchema = z.strictObject({
  personExternalId: externalId,
  day,
  metric: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'metric must be lower-case letters, digits, "_" or "."'),
  value: z.number().finite().min(0),
});
export type UsageRecord = z.infer<typeof usageRecordSchema>;

/** Where a bad record was found: enough for a person to open the file and fix it. */
export interface RecordLocation {
  file?: string;
  /** 1-based line (CSV, NDJSON) or entry index (JSON arrays, API pages). */
  line?: number;
  field?: string;
  /** The record's external id when it has one. */
  recordId?: string;
}

export interface RecordProblem {
  location: RecordLocation;
  reason: string;
}

export type StreamName = 'directory' | 'groups' | 'activity' | 'usage';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What `Connector.read` yields, Airbyte-style: records, problems and checkpoints in one ordered stream. */
export type ConnectorMessage =
  | { kind: 'orgUnit'; record: OrgUnitRecord }
  | { kind: 'person'; record: PersonRecord }
  | { kind: 'group'; record: GroupRecord }
  | { kind: 'activity'; record: ActivityRecord }
  | { kind: 'usage'; record: UsageRecord }
  /** A record that could not be read; the pipeline quarantines it and goes on. */
  | { kind: 'invalid'; problem: RecordProblem }
  /**
   * Every record of `stream` yielded before this message is covered by `state`: resuming a read from
   * it yields only what comes after (or, at worst, records already stored, which are skipped).
   */
  | { kind: 'checkpoint'; stream: StreamName; state: JsonValue };

export type RecordMessage = Extract<
  ConnectorMessage,
  { kind: 'orgUnit' | 'person' | 'group' | 'activity' | 'usage' }
>;

const RECORD_SCHEMAS = {
  orgUnit: orgUnitRecordSchema,
  person: personRecordSchema,
  group: groupRecordSchema,
  activity: activityRecordSchema,
  usage: usageRecordSchema,
} as const;

/**
 * Validates a record a connector produced. Returns the problem (with the offending field) instead of
 * throwing, so the pipeline can quarantine the record and keep the rest of the batch.
 */
export function checkRecord(message: RecordMessage): RecordProblem | null {
  const result = RECORD_SCHEMAS[message.kind].safeParse(message.record);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const record = message.record as { externalId?: string };
  return {
    location: {
      field: issue.path.join('.') || undefined,
      recordId: typeof record.externalId === 'string' ? record.externalId : undefined,
    },
    reason: issue.message,
  };
}
