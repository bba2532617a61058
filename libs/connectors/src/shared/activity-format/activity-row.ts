import {
  type ActivityRecord,
  type FieldProblem,
  type GroupRecord,
  MAX_INT32,
  RowReader,
} from '@uptake/connector-sdk';
import { ACTIVITY_TYPES, type ActivityType } from '@uptake/contracts';
import { z } from 'zod';

/** The documented fields of an activity row (CSV columns, NDJSON keys); the webhook uses camelCase names. */
export const ACTIVITY_FIELDS = [
  'external_id',
  'occurred_at',
  'actor_id',
  'type',
  'group_id',
  'group_name',
  'thread_id',
  'target_id',
  'content_length',
  'count',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

export const REQUIRED_ACTIVITY_FIELDS: readonly ActivityField[] = [
  'external_id',
  'occurred_at',
  'actor_id',
  'type',
];

/** Entries a settings.typeMapping holds at most (it is user input, kept in the source's settings). */
export const MAX_TYPE_MAPPING_ENTRIES = 200;

/** settings.typeMapping: the source's own activity names, e.g. {"comment": "reply", "like": "reaction"}. */
export const typeMappingSchema = z
  .record(z.string().trim().min(1).max(100), z.enum(ACTIVITY_TYPES))
  .refine((mapping) => Object.keys(mapping).length <= MAX_TYPE_MAPPING_ENTRIES, {
    message: `at most ${MAX_TYPE_MAPPING_ENTRIES} entries`,
  });
export type TypeMapping = z.infer<typeof typeMappingSchema>;

/** Raw values by documented field name: strings from CSV, any JSON value from NDJSON / webhooks. */
export type ActivityRowInput = Partial<Record<ActivityField, unknown>>;

export interface ActivityRowOptions {
  typeMapping?: TypeMapping;
  /** How a field is named in reasons (default: the documented name). */
  label?: (field: ActivityField) => string;
  /** Zone of occurred_at values without an offset; without it they are refused. */
  timeZone?: string;
  /** Reasons point to the csv connector's settings. */
  settingsHints?: boolean;
  /** Problems found before (a column mapping that could not produce a field). */
  problems?: readonly FieldProblem<ActivityField>[];
}

export type ActivityRowResult =
  | { ok: true; activity: ActivityRecord; group: GroupRecord | null }
  | { ok: false; problems: FieldProblem<ActivityField>[] };

/**
 * Validates and normalises one activity row: the single definition of the documented format, used by
 * the csv (CSV, NDJSON, JSON) and webhook connectors. Person ids are lower-cased when they are e-mail
 * addresses; the group (if any) comes back as a record to upsert before the activity.
 */
export function parseActivityRow(row: ActivityRowInput, options: ActivityRowOptions = {}): ActivityRowResult {
  const read = new RowReader<ActivityField>(row, options.label, options.problems);
  const externalId = read.text('external_id', { required: true, max: 512 });
  const occurredAt = read.dateTime('occurred_at', {
    required: true,
    timeZone: options.timeZone,
    settingsHints: options.settingsHints,
  });
  const actor = read.person('actor_id', { required: true });
  const type = read.oneOf<ActivityType>('type', ACTIVITY_TYPES, {
    required: true,
    mapping: options.typeMapping,
    hint: '(map other names with settings.typeMapping)',
  });
  const groupId = read.text('group_id', { max: 512 });
  const groupName = read.text('group_name', { max: 300 });
  const threadId = read.text('thread_id', { max: 512 });
  const target = read.person('target_id');
  const contentLength = read.integer('content_length', { min: 0, max: MAX_INT32 });
  const count = read.integer('count', { min: 1, max: MAX_INT32 });

  if (read.problems.length > 0 || !externalId || !occurredAt || !actor || !type) {
    return { ok: false, problems: read.problems };
  }
  return {
    ok: true,
    activity: {
      externalId,
      occurredAt,
      actorExternalId: actor,
      type,
      groupExternalId: groupId,
      threadExternalId: threadId,
      targetExternalId: target,
      contentLength,
      count: count ?? 1,
    },
    group: groupId
      ? {
          externalId: groupId,
          name: (groupName ?? groupId).slice(0, 300),
          kind: 'channel',
          isPrivate: false,
          memberExternalIds: null,
        }
      : null,
  };
}
