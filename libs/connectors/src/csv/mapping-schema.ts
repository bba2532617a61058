import { ACTIVITY_TYPES, isIanaTimeZone, TIME_ZONE_MESSAGE, type ActivityType } from '@uptake/contracts';
import { z } from 'zod';
import {
  ACTIVITY_FIELDS,
  REQUIRED_ACTIVITY_FIELDS,
  type ActivityField,
} from '../shared/activity-format/activity-row';
import { compilePattern, EPOCH_FORMATS } from '@uptake/connector-sdk';

/**
 * settings.columns and settings.nested of the csv connector: where each documented field's value comes from.
 * Every size is bounded (a mapping is user input, stored and evaluated per row). Errors name the setting's
 * path (settings.columns.type.rules.0.then), never just "invalid input".
 */
export const MAPPING_LIMITS = {
  /** A column name, or a JSON path such as `post.user` / `props.attachments.0.id`. */
  columnLength: 200,
  pathSegments: 8,
  alternatives: 4,
  joinParts: 8,
  rules: 20,
  ruleValues: 50,
  mapEntries: 200,
  mapKeyLength: 100,
  missingValues: 20,
  constantLength: 512,
  separatorLength: 10,
  splitPart: 50,
  nested: 4,
} as const;

/** A row whose type maps here is skipped on purpose (counted in the run's warnings), not quarantined. */
export const SKIP = 'skip';
export type TypeOutcome = ActivityType | typeof SKIP;

export interface ColumnSource {
  /** CSV: the header's column name (case-insensitive). NDJSON/JSON: a key, or a dotted path into objects/arrays. */
  column: string;
  /** Cut the value at this separator and keep one part (`part`: 0 = first, -1 = last). */
  split?: string;
  part?: number;
  /** Values that mean "no value" (e.g. "-", "NULL"). */
  missing?: string[];
  /** occurred_at only: iso (default), epoch-seconds, epoch-milliseconds or a pattern like dd.MM.yyyy HH:mm. */
  format?: string;
  /** content_length only: the value is text whose length is taken (the text itself is dropped at once). */
  length?: boolean;
  /** type only: the source's values -> Uptake's types (or "skip"). */
  map?: Record<string, TypeOutcome>;
  /** type only: what a value that is not in `map` (or matches no rule) is. Default: read as a type name. */
  otherwise?: TypeOutcome;
}
export interface ConstantSource {
  value: string;
}
export interface JoinSource {
  /** Values joined with `separator` (default "|"), e.g. a composite id when the source has none. */
  join: SimpleSource[];
  separator?: string;
  /** Store the SHA-256 of the parts (as a JSON array) instead: when they hold names, e.g. a username. */
  hash?: boolean;
}
export interface TypeRule {
  when: string | ColumnSource;
  equals?: string | string[];
  present?: boolean;
  then: TypeOutcome;
}
export interface RulesSource {
  rules: TypeRule[];
  otherwise?: TypeOutcome;
}
export type SimpleSource = string | ColumnSource | ConstantSource;
export type ValueSource = SimpleSource | JoinSource | RulesSource;
/** One source, or alternatives: the first that yields a value is used. */
export type FieldSpec = ValueSource | ValueSource[];
export type ColumnMappingSpec = Partial<Record<ActivityField, FieldSpec>>;

export interface NestedRows {
  /** An array inside each JSON object (alternatives allowed): every entry is one more row. */
  each: string | string[];
  /** The name the entry is read under in `columns` (e.g. `reply` for `reply.user`); other paths read the object. */
  as: string;
  /** Fields of the entry's row (external_id, occurred_at, actor_id and type at least); nothing is inherited. */
  columns: ColumnMappingSpec;
}

const column = z
  .string()
  .trim()
  .min(1)
  .max(MAPPING_LIMITS.columnLength)
  .refine((path) => path.split('.').length <= MAPPING_LIMITS.pathSegments, {
    message: `a path has at most ${MAPPING_LIMITS.pathSegments} parts`,
  })
  .refine((path) => !path.split('.').some((segment) => segment === ''), {
    message: 'a path has no empty parts (no leading, trailing or double dots)',
  });
const typeOutcome = z.enum([...ACTIVITY_TYPES, SKIP], {
  error: () => `must be one of ${ACTIVITY_TYPES.join(', ')} or ${SKIP}`,
});
const ruleValue = z.string().trim().min(1).max(MAPPING_LIMITS.mapKeyLength);
const separator = z.string().min(1).max(MAPPING_LIMITS.separatorLength);
const part = z.number().int().min(-MAPPING_LIMITS.splitPart).max(MAPPING_LIMITS.splitPart);
const missing = z.array(z.string().max(MAPPING_LIMITS.mapKeyLength)).min(1).max(MAPPING_LIMITS.missingValues);
const constant = z.string().trim().min(1).max(MAPPING_LIMITS.constantLength);

/** What an object source may hold besides its kind, per field. */
interface SourceFeatures {
  format?: boolean;
  length?: boolean;
  type?: boolean;
}

function objectSource(features: SourceFeatures) {
  const shape = {
    column: column.optional(),
    split: separator.optional(),
    part: part.optional(),
    missing: missing.optional(),
    value: constant.optional(),
    join: z.array(simpleSource).min(1).max(MAPPING_LIMITS.joinParts).optional(),
    separator: z.string().max(MAPPING_LIMITS.separatorLength).optional(),
    hash: z.boolean().optional(),
    ...(features.format ? { format: timestampFormat.optional() } : {}),
    ...(features.length ? { length: z.literal(true).optional() } : {}),
    ...(features.type
      ? {
          map: z
            .record(z.string().trim().min(1).max(MAPPING_LIMITS.mapKeyLength), typeOutcome)
            .refine((map) => Object.keys(map).length <= MAPPING_LIMITS.mapEntries, {
              message: `a map has at most ${MAPPING_LIMITS.mapEntries} entries`,
            })
            .optional(),
          otherwise: typeOutcome.optional(),
          rules: z.array(typeRule).min(1).max(MAPPING_LIMITS.rules).optional(),
        }
      : {}),
  };
  return z.strictObject(shape).superRefine((source: Record<string, unknown>, context) => {
    const kinds = ['column', 'value', 'join', 'rules'].filter((key) => source[key] !== undefined);
    if (kinds.length !== 1) {
      const allowed = features.type ? 'column, value, join or rules' : 'column, value or join';
      context.addIssue({ code: 'custom', message: `needs exactly one of ${allowed}` });
      return;
    }
    const only = (keys: string[], kind: string) => {
      for (const key of keys) {
        if (source[key] !== undefined && kinds[0] !== kind) {
          context.addIssue({ code: 'custom', path: [key], message: `applies to ${kind} only` });
        }
      }
    };
    only(['split', 'part', 'missing', 'format', 'length', 'map'], 'column');
    only(['separator', 'hash'], 'join');
    if (source.otherwise !== undefined && source.map === undefined && source.rules === undefined) {
      context.addIssue({ code: 'custom', path: ['otherwise'], message: 'applies with map or rules only' });
    }
    if ((source.split === undefined) !== (source.part === undefined)) {
      context.addIssue({ code: 'custom', path: ['part'], message: 'split and part go together' });
    }
  });
}

/**
 * A schema that picks string / array / object by the value's shape, so errors keep their exact path (a plain
 * union reports "invalid input" at the top), and whose JSON Schema (the connector catalogue) is the union.
 */
function byShape<T>(
  options: { string?: z.ZodType; array?: z.ZodType; object: z.ZodType },
  expected: string,
): z.ZodType<T> {
  const variants = [options.string, options.array, options.object].filter(
    (schema): schema is z.ZodType => schema !== undefined,
  );
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(z.union(variants), {
    io: 'input',
    unrepresentable: 'any',
  });
  return z
    .unknown()
    .transform((value, context) => {
      const schema =
        typeof value === 'string'
          ? options.string
          : Array.isArray(value)
            ? options.array
            : typeof value === 'object' && value !== null
              ? options.object
              : undefined;
      if (!schema) {
        context.addIssue({ code: 'custom', message: `expected ${expected}` });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data as T;
      for (const issue of parsed.error.issues) {
        context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
      return z.NEVER;
    })
    .meta(jsonSchema) as unknown as z.ZodType<T>;
}

const simpleSource: z.ZodType<SimpleSource> = byShape<SimpleSource>(
  {
    string: column,
    object: z
      .strictObject({
        column: column.optional(),
        split: separator.optional(),
        part: part.optional(),
        missing: missing.optional(),
        value: constant.optional(),
      })
      .superRefine((source, context) => {
        if ((source.column === undefined) === (source.value === undefined)) {
          context.addIssue({ code: 'custom', message: 'needs exactly one of column or value' });
        } else if (
          source.value !== undefined &&
          (source.split ?? source.part ?? source.missing) !== undefined
        ) {
          context.addIssue({ code: 'custom', message: 'split, part and missing apply to column only' });
        } else if ((source.split === undefined) !== (source.part === undefined)) {
          context.addIssue({ code: 'custom', path: ['part'], message: 'split and part go together' });
        }
      }),
  },
  'a column name or an object with column or value',
);

const ruleColumn = byShape<string | ColumnSource>(
  {
    string: column,
    object: z
      .strictObject({
        column,
        split: separator.optional(),
        part: part.optional(),
        missing: missing.optional(),
      })
      .refine((source) => (source.split === undefined) === (source.part === undefined), {
        path: ['part'],
        message: 'split and part go together',
      }),
  },
  'a column name or an object with column',
);

const typeRule: z.ZodType<TypeRule> = z
  .strictObject({
    when: ruleColumn,
    equals: z.union([ruleValue, z.array(ruleValue).min(1).max(MAPPING_LIMITS.ruleValues)]).optional(),
    present: z.boolean().optional(),
    then: typeOutcome,
  })
  .refine((rule) => (rule.equals === undefined) !== (rule.present === undefined), {
    message: 'a rule needs exactly one of equals or present',
  });

const timestampFormat = z
  .string()
  .min(1)
  .superRefine((format, context) => {
    if (format === 'iso' || (EPOCH_FORMATS as readonly string[]).includes(format)) return;
    try {
      compilePattern(format);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        message: `must be iso, ${EPOCH_FORMATS.join(', ')} or a pattern such as dd.MM.yyyy HH:mm: ${(error as Error).message}`,
      });
    }
  });

function fieldSpec(features: SourceFeatures): z.ZodType<FieldSpec> {
  const object = objectSource(features);
  const one = byShape<ValueSource>({ string: column, object }, 'a column name or an object');
  return byShape<FieldSpec>(
    { string: column, array: z.array(one).min(1).max(MAPPING_LIMITS.alternatives), object },
    'a column name, a list of alternatives or an object (column, value, join or rules)',
  );
}

const FEATURES: Partial<Record<ActivityField, SourceFeatures>> = {
  occurred_at: { format: true },
  content_length: { length: true },
  type: { type: true },
};

export const activityColumnsSchema: z.ZodType<ColumnMappingSpec> = z.strictObject(
  Object.fromEntries(
    ACTIVITY_FIELDS.map((field) => [field, fieldSpec(FEATURES[field] ?? {}).optional()]),
  ) as Record<ActivityField, z.ZodOptional<z.ZodType<FieldSpec>>>,
) as unknown as z.ZodType<ColumnMappingSpec>;

const nestedRowsSchema: z.ZodType<NestedRows> = z.strictObject({
  each: z.union([column, z.array(column).min(1).max(MAPPING_LIMITS.alternatives)]),
  as: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,29}$/, 'must be a name of letters, digits and _ (up to 30)'),
  columns: activityColumnsSchema.superRefine((columns, context) => {
    for (const field of REQUIRED_ACTIVITY_FIELDS) {
      if (columns[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'is needed: a nested row reads only the fields its own columns name',
        });
      }
    }
  }),
}) as unknown as z.ZodType<NestedRows>;

export const nestedSchema = z.array(nestedRowsSchema).min(1).max(MAPPING_LIMITS.nested);

export const timeZoneSchema = z.string().refine(isIanaTimeZone, { message: TIME_ZONE_MESSAGE });

/** The occurred_at patterns of a mapping (its own and its nested rows'), which need settings.timeZone. */
export function occurredAtPatterns(
  columns: ColumnMappingSpec | undefined,
  nested: readonly NestedRows[] = [],
) {
  const formats: string[] = [];
  for (const mapping of [columns, ...nested.map((rows) => rows.columns)]) {
    const spec = mapping?.occurred_at;
    for (const source of Array.isArray(spec) ? spec : spec === undefined ? [] : [spec]) {
      if (typeof source === 'object' && 'column' in source && source.format !== undefined) {
        formats.push(source.format);
      }
    }
  }
  return formats.filter(
    (format) => format !== 'iso' && !(EPOCH_FORMATS as readonly string[]).includes(format),
  );
}
