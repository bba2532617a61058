import { ACTIVITY_TYPES, GROUP_KINDS, ORG_UNIT_KINDS, type RunWarning } from '@uptake/contracts';
import { z } from 'zod';
import { identityProblem, unsafeTextProblem } from './text';

/**
 * The normalised records every connector emits. Person ids here are the source's identity keys
 * (e-mail address when the source has one, so people match across sources); the pipeline replaces
 * them with keyed hashes before anything is stored. No record carries message text.
 */

/** Text a record may carry: no NUL, no lone surrogate (see unsafeTextProblem). */
function text(schema: z.ZodString, problem = unsafeTextProblem) {
  // A refine with its message built only on failure: every record of every ingest passes here, and a
  // superRefine (a context object per call) made the record check about 40 % slower (measured, 1M records).
  return schema.refine((value) => problem(value) === null, {
    error: (issue) => `must be storable text: ${problem(issue.input as string)}`,
  });
}

const externalId = text(z.string().trim().min(1).max(512));
/** A person's identity key: also free of U+FFFD, so people never merge over undecodable bytes. */
const identity = text(z.string().trim().min(1).max(512), identityProblem);
const day = z.iso.date();

export const orgUnitRecordSchema = z.strictObject({
  externalId,
  name: text(z.string().trim().min(1).max(200)),
  kind: z.enum(ORG_UNIT_KINDS),
  parentExternalId: externalId.nullable(),
});
export type OrgUnitRecord = z.infer<typeof orgUnitRecordSchema>;

/** A directory entry (HR import): the denominator of adoption. */
export const personRecordSchema = z.strictObject({
  externalId: identity,
  orgUnitExternalId: externalId.nullable(),
  legacyCompanyExternalId: externalId.nullable(),
  managerExternalId: identity.nullable(),
  /** Hierarchy level, 1 = top. */
  level: z.number().int().min(1).max(20).nullable(),
  location: text(z.string().trim().max(200)).nullable(),
  startDate: day.nullable(),
  /** Last day of employment, for people who left. */
  endDate: day.nullable(),
});
export type PersonRecord = z.infer<typeof personRecordSchema>;

/** A container of activity: channel, community, team. */
export const groupRecordSchema = z
  .strictObject({
    externalId,
    name: text(z.string().trim().min(1).max(300)),
    kind: z.enum(GROUP_KINDS),
    isPrivate: z.boolean(),
    /** Member identity keys when the source lists them; null when it does not (memberships are kept). */
    memberExternalIds: z.array(identity).nullable(),
    /**
     * When each member joined, parallel to memberExternalIds (null: not known). Only sources that know or infer
     * it give it (the Viva Engage export infers membership from a person's first message in a community); a
     * membership stored before keeps its earliest known day.
     */
    memberJoinedAt: z.array(z.date().nullable()).optional(),
  })
  .refine(
    (group) =>
      group.memberJoinedAt === undefined ||
      group.memberJoinedAt.length === (group.memberExternalIds?.length ?? 0),
    {
      path: ['memberJoinedAt'],
      message: 'memberJoinedAt must have one entry per member of memberExternalIds',
    },
  );
export type GroupRecord = z.infer<typeof groupRecordSchema>;

export const activityRecordSchema = z
  .strictObject({
    /** Unique within the source and stable across reads: re-reading never duplicates. */
    externalId,
    occurredAt: z.date(),
    /**
     * Null only for volume without people: reactions the source counted but did not list (Slack's `count` above
     * its `users`). Such an event counts in reaction volume, never as anyone's activity.
     */
    actorExternalId: identity.nullable(),
    type: z.enum(ACTIVITY_TYPES),
    groupExternalId: externalId.nullable(),
    /** External id of the thread's root post. */
    threadExternalId: externalId.nullable(),
    /** The person replied to, reacted to or mentioned. */
    targetExternalId: identity.nullable(),
    /** Length of the message text; the text itself is never kept. */
    contentLength: z.number().int().min(0).nullable(),
    /**
     * Interactions this record stands for: 1 for event-level sources, N for a daily usage-report row. 0 only
     * for a report count (`fromReport`): the republished report withdrew a count stored before.
     */
    count: z.number().int().min(0),
    /**
     * The record is a usage report's count (one person, day and kind: external id per person+day+metric), not
     * an event. Reading it again with another count replaces the stored one (reports are republished with
     * corrections), and it is never a thread (a count says nothing about who answered what).
     */
    fromReport: z.literal(true).optional(),
  })
  .refine((record) => record.actorExternalId !== null || record.type === 'reaction', {
    path: ['actorExternalId'],
    message: 'actorExternalId may be null only for reactions counted without people (type reaction)',
  })
  .refine((record) => record.count >= 1 || record.fromReport === true, {
    path: ['count'],
    message: 'count must be at least 1 (0 only withdraws a usage report count: fromReport)',
  });
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

/**
 * A daily figure that is not social activity (e-mails sent, meetings attended): the baseline of
 * business cases such as e-mail reduction. Re-reading the same day replaces the value.
 */
export const usageRecordSchema = z.strictObject({
  personExternalId: identity,
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

/**
 * What `Connector.read` yields, Airbyte-style: records, problems and checkpoints in one ordered stream. A
 * record may say where it was read (`location`), so a problem the pipeline finds names the file and line.
 */
export type ConnectorMessage =
  | { kind: 'orgUnit'; record: OrgUnitRecord; location?: RecordLocation }
  | { kind: 'person'; record: PersonRecord; location?: RecordLocation }
  | { kind: 'group'; record: GroupRecord; location?: RecordLocation }
  | { kind: 'activity'; record: ActivityRecord; location?: RecordLocation }
  | { kind: 'usage'; record: UsageRecord; location?: RecordLocation }
  /** A record that could not be read; the pipeline quarantines it and goes on. */
  | { kind: 'invalid'; problem: RecordProblem }
  /**
   * Something the run's maintainer should know that is not a bad record (a folder skipped on purpose, a
   * fallback identity): stored on the run, aggregated by code and file (counts added up). Warnings yielded
   * before a read's first checkpoint describe the input as a whole; a resumed read yields them again and
   * they are not counted twice.
   */
  | { kind: 'warning'; warning: RunWarning }
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
  return recordProblem(message, issue.path.join('.') || undefined, issue.message);
}

/** A problem of a record, located where the connector read it, at `field`. */
export function recordProblem(
  message: RecordMessage,
  field: string | undefined,
  reason: string,
): RecordProblem {
  // A person's external id is their identity key (an e-mail address): stored only as a pseudonym.
  const record = message.kind === 'person' ? {} : (message.record as { externalId?: unknown });
  const recordId = typeof record.externalId === 'string' ? record.externalId : message.location?.recordId;
  return {
    location: {
      ...message.location,
      ...(field === undefined ? {} : { field }),
      ...(recordId === undefined ? {} : { recordId }),
    },
    reason,
  };
}
