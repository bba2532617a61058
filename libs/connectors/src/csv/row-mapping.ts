import { createHash } from 'node:crypto';
import {
  ACTIVITY_FIELDS,
  REQUIRED_ACTIVITY_FIELDS,
  type ActivityField,
} from '../shared/activity-format/activity-row';
import { valueAt } from './json-paths';
import {
  SKIP,
  type ColumnMappingSpec,
  type ColumnSource,
  type FieldSpec,
  type NestedRows,
  type SimpleSource,
  type TypeOutcome,
  type TypeRule,
  type ValueSource,
} from './mapping-schema';
import {
  compilePattern,
  EPOCH_FORMATS,
  type EpochFormat,
  type FieldProblem,
  parseEpoch,
  parseWithPattern,
  quoteValue,
} from '@uptake/connector-sdk';

/**
 * A column mapping compiled once per read: for each documented field, where its value comes from (a column
 * or JSON path, a constant, a composite, a derived type), evaluated per row. Values come back as the
 * documented format expects them (parseActivityRow validates them); what the mapping itself cannot read (a
 * time that does not match its format, a type no rule covers) is a problem of that field.
 */

/** Reads a column (CSV) or a path (JSON) of the current row; undefined when absent. */
export type ValueGetter = (column: string) => unknown;

type Evaluated = { value: unknown } | { problem: string } | { skip: true } | null;
type Evaluator = (get: ValueGetter) => Evaluated;

export interface MappedValues {
  values: Partial<Record<ActivityField, unknown>>;
  problems: FieldProblem<ActivityField>[];
  /** The type mapped to `skip`: the row is left out on purpose. */
  skip: boolean;
}

interface CompiledFields {
  evaluate(get: ValueGetter, label: (field: ActivityField) => string): MappedValues;
}

/** Per-object ceiling of nested entries read (an NDJSON line is at most 1 MB, so this is rarely reached). */
export const MAX_NESTED_ENTRIES = 10_000;

export interface CompiledMapping {
  /** Every column or path the mapping reads, with the setting that reads it (for messages). */
  columns: ReadonlyMap<string, string>;
  /** Columns that must exist in a CSV header (mapped ones, and documented required fields left unmapped). */
  requiredColumns: ReadonlySet<string>;
  fields: CompiledFields;
  nested: CompiledNested[];
}

export interface CompiledNested {
  each: string[];
  as: string;
  fields: CompiledFields;
}

/**
 * Compiles settings.columns (and settings.nested): a field without a mapping is read from its documented
 * name. Throws when the mapping cannot be evaluated as written (never happens for settings that passed the
 * schema).
 */
export function compileMapping(
  columns: ColumnMappingSpec = {},
  nested: readonly NestedRows[] = [],
  timeZone?: string,
): CompiledMapping {
  const read = new Map<string, string>();
  const required = new Set<string>();
  const specs = new Map<ActivityField, FieldSpec>();
  for (const field of ACTIVITY_FIELDS) {
    const spec = columns[field];
    if (spec !== undefined) {
      specs.set(field, spec);
      for (const column of columnsOf(spec)) {
        required.add(column);
        if (!read.has(column)) read.set(column, `settings.columns.${field}`);
      }
    } else {
      specs.set(field, field);
      if (!read.has(field)) read.set(field, field);
      if (REQUIRED_ACTIVITY_FIELDS.includes(field)) required.add(field);
    }
  }
  // A nested row reads only the fields its own columns name (nothing is inherited from the object's row).
  const compiled: CompiledNested[] = nested.map((rows, index) => {
    const nestedSpecs = new Map<ActivityField, FieldSpec>();
    for (const field of ACTIVITY_FIELDS) {
      const spec = rows.columns[field];
      if (spec === undefined) continue;
      nestedSpecs.set(field, spec);
      for (const column of columnsOf(spec)) {
        const [head, ...rest] = column.split('.');
        const path =
          head === rows.as ? eachPaths(rows).map((each) => [each, '*', ...rest].join('.')) : [column];
        for (const entry of path)
          if (!read.has(entry)) read.set(entry, `settings.nested.${index}.columns.${field}`);
      }
    }
    return { each: eachPaths(rows), as: rows.as, fields: compileFields(nestedSpecs, timeZone) };
  });
  return {
    columns: read,
    requiredColumns: required,
    fields: compileFields(specs, timeZone),
    nested: compiled,
  };
}

function eachPaths(rows: NestedRows): string[] {
  return Array.isArray(rows.each) ? rows.each : [rows.each];
}

function compileFields(specs: ReadonlyMap<ActivityField, FieldSpec>, timeZone?: string): CompiledFields {
  const evaluators = [...specs].map(([field, spec]) => [field, compileSpec(field, spec, timeZone)] as const);
  // The type first: a row skipped on purpose is not read further (its other fields may not exist).
  evaluators.sort(([a], [b]) => Number(b === 'type') - Number(a === 'type'));
  return {
    evaluate(get, label) {
      const mapped: MappedValues = { values: {}, problems: [], skip: false };
      for (const [field, evaluate] of evaluators) {
        const result = evaluate(get);
        if (result === null) continue;
        if ('skip' in result) {
          mapped.skip = true;
          return mapped;
        }
        if ('problem' in result) mapped.problems.push({ field, reason: `${label(field)}${result.problem}` });
        else mapped.values[field] = result.value;
      }
      return mapped;
    },
  };
}

function compileSpec(field: ActivityField, spec: FieldSpec, timeZone?: string): Evaluator {
  if (!Array.isArray(spec)) return compileSource(field, spec, timeZone);
  const alternatives = spec.map((source) => compileSource(field, source, timeZone));
  return (get) => {
    for (const alternative of alternatives) {
      const result = alternative(get);
      if (result !== null) return result;
    }
    return null;
  };
}

function compileSource(field: ActivityField, source: ValueSource, timeZone?: string): Evaluator {
  if (typeof source === 'string') return compileColumn({ column: source });
  if ('value' in source) return () => ({ value: source.value });
  if ('join' in source) return compileJoin(source.join, source.separator ?? '|', source.hash ?? false);
  if ('rules' in source) return compileRules(source.rules, source.otherwise);
  const read = compileColumn(source);
  if (source.map !== undefined || (field === 'type' && source.otherwise !== undefined)) {
    return compileValueMap(read, source.map ?? {}, source.otherwise);
  }
  if (source.length) return compileLength(read);
  if (source.format !== undefined && source.format !== 'iso')
    return compileTime(read, source.format, timeZone);
  return read;
}

/** A column's value; missing when absent, null, empty, listed in `missing`, or when `split` has no such part. */
function compileColumn(source: ColumnSource): Evaluator {
  const missing = new Set((source.missing ?? []).map((value) => value.trim().toLowerCase()));
  return (get) => {
    const raw = get(source.column);
    if (isAbsent(raw)) return null;
    if (missing.size > 0 && missing.has(textOf(raw).trim().toLowerCase())) return null;
    if (source.split === undefined) return { value: raw };
    const parts = textOf(raw).split(source.split);
    const index = (source.part ?? 0) < 0 ? parts.length + (source.part ?? 0) : (source.part ?? 0);
    const part = parts[index];
    return part === undefined || part.trim() === '' ? null : { value: part.trim() };
  };
}

function compileJoin(parts: readonly SimpleSource[], separator: string, hash: boolean): Evaluator {
  const readers = parts.map((part) =>
    typeof part === 'string'
      ? compileColumn({ column: part })
      : 'value' in part
        ? () => ({ value: part.value })
        : compileColumn(part),
  );
  return (get) => {
    const texts: string[] = [];
    for (const read of readers) {
      const result = read(get);
      // Every part is needed: an id built from fewer parts could merge two records.
      if (result === null || !('value' in result)) return null;
      texts.push(typeof result.value === 'string' ? result.value.trim() : JSON.stringify(result.value));
    }
    // Hashed as a JSON array: no separator inside a part can make two different part lists one id.
    if (hash) return { value: createHash('sha256').update(JSON.stringify(texts)).digest('hex') };
    return { value: texts.join(separator) };
  };
}

function compileValueMap(
  read: Evaluator,
  map: Readonly<Record<string, TypeOutcome>>,
  otherwise: TypeOutcome | undefined,
): Evaluator {
  const lowerCased = new Map(
    Object.entries(map).map(([key, outcome]) => [key.trim().toLowerCase(), outcome]),
  );
  return (get) => {
    const result = read(get);
    const key = result !== null && 'value' in result ? textOf(result.value).trim() : null;
    const outcome = key === null ? undefined : (map[key] ?? lowerCased.get(key.toLowerCase()));
    const chosen = outcome ?? otherwise;
    if (chosen === undefined) return result;
    return chosen === SKIP ? { skip: true } : { value: chosen };
  };
}

function compileRules(rules: readonly TypeRule[], otherwise: TypeOutcome | undefined): Evaluator {
  const compiled = rules.map((rule) => {
    const read = compileColumn(typeof rule.when === 'string' ? { column: rule.when } : rule.when);
    const equals =
      rule.equals === undefined
        ? null
        : new Set(
            (Array.isArray(rule.equals) ? rule.equals : [rule.equals]).map((value) => value.toLowerCase()),
          );
    return { read, equals, present: rule.present, then: rule.then };
  });
  return (get) => {
    for (const rule of compiled) {
      const result = rule.read(get);
      const value = result !== null && 'value' in result ? textOf(result.value).trim() : null;
      const matches = rule.equals
        ? value !== null && rule.equals.has(value.toLowerCase())
        : (value !== null) === rule.present;
      if (matches) return rule.then === SKIP ? { skip: true } : { value: rule.then };
    }
    if (otherwise === undefined) {
      return { problem: ' matches no rule of settings.columns.type (add "otherwise")' };
    }
    return otherwise === SKIP ? { skip: true } : { value: otherwise };
  };
}

/** The length of a text (UTF-16 code units, as the other connectors measure it); the text is not kept. */
function compileLength(read: Evaluator): Evaluator {
  return (get) => {
    const result = read(get);
    if (result === null || !('value' in result)) return result;
    if (typeof result.value !== 'string')
      return { problem: `: expected text to measure, got ${typeof result.value}` };
    return { value: result.value.length };
  };
}

function compileTime(read: Evaluator, format: string, timeZone: string | undefined): Evaluator {
  if ((EPOCH_FORMATS as readonly string[]).includes(format)) {
    return (get) => {
      const result = read(get);
      if (result === null || !('value' in result)) return result;
      const time = parseEpoch(result.value, format as EpochFormat);
      return 'date' in time ? { value: time.date } : { problem: time.problem };
    };
  }
  const pattern = compilePattern(format);
  if (!timeZone) throw new Error(`the pattern '${format}' needs settings.timeZone`);
  return (get) => {
    const result = read(get);
    if (result === null || !('value' in result)) return result;
    if (typeof result.value !== 'string') return { problem: `: ${quoteValue(result.value)} is not text` };
    const time = parseWithPattern(result.value.trim(), pattern, timeZone);
    return 'date' in time ? { value: time.date } : { problem: time.problem };
  };
}

function isAbsent(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function textOf(raw: unknown): string {
  return typeof raw === 'string'
    ? raw
    : typeof raw === 'number' || typeof raw === 'boolean'
      ? String(raw)
      : JSON.stringify(raw);
}

/** The columns (or paths) a spec reads. */
function columnsOf(spec: FieldSpec): string[] {
  const sources = Array.isArray(spec) ? spec : [spec];
  return sources.flatMap((source): string[] => {
    if (typeof source === 'string') return [source];
    if ('column' in source) return [source.column];
    if ('join' in source)
      return source.join.flatMap((part) =>
        typeof part === 'string' ? [part] : 'column' in part ? [part.column] : [],
      );
    if ('rules' in source)
      return source.rules.map((rule) => (typeof rule.when === 'string' ? rule.when : rule.when.column));
    return [];
  });
}

/** One row of the mapping's output: values by field, or a structural problem of a nested array. */
export type MappedRow = (MappedValues & { entry?: string }) | { problem: string };

/**
 * The rows of one JSON object: its own, then one per entry of each nested array (`entry` names it, e.g.
 * `post.replies[0]`, for locations and reasons). Bounded by MAX_NESTED_ENTRIES per array.
 */
export function* jsonRows(mapping: CompiledMapping, object: Record<string, unknown>): Generator<MappedRow> {
  const get: ValueGetter = (path) => valueAt(object, path);
  yield mapping.fields.evaluate(get, (field) => field);
  for (const nested of mapping.nested) {
    const found = nested.each
      .map((path) => ({ path, entries: valueAt(object, path) }))
      .find(({ entries }) => !isAbsent(entries));
    if (!found) continue;
    const { path, entries } = found;
    if (!Array.isArray(entries)) {
      yield { problem: `${path} is not an array (settings.nested reads one row per entry)` };
      continue;
    }
    for (const [index, entry] of entries.slice(0, MAX_NESTED_ENTRIES).entries()) {
      const name = `${path}[${index}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        yield { problem: `${name} is not an object` };
        continue;
      }
      const entryGet: ValueGetter = (column) => {
        if (column === nested.as) return entry;
        if (!column.startsWith(`${nested.as}.`)) return get(column);
        return valueAt(entry as Record<string, unknown>, column.slice(nested.as.length + 1));
      };
      yield { ...nested.fields.evaluate(entryGet, (field) => `${name} ${field}`), entry: name };
    }
    if (entries.length > MAX_NESTED_ENTRIES) {
      yield {
        problem: `${path} holds ${entries.length} entries; only the first ${MAX_NESTED_ENTRIES} were read`,
      };
    }
  }
}

/** The row of a CSV record (values by the column names the mapping reads). */
export function csvRow(mapping: CompiledMapping, values: Readonly<Record<string, unknown>>): MappedValues {
  return mapping.fields.evaluate(
    (column) => values[column],
    (field) => field,
  );
}
