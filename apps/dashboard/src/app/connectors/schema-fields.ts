/*
 * A connector's settings or credentials form, read from the JSON Schema that GET /api/connectors generates
 * from the connector's zod schema. Every top-level property becomes one field; a property this reader does
 * not understand (objects, mixed alternatives) becomes a JSON editor, so nothing is silently dropped.
 */

export type FieldKind = 'text' | 'select' | 'checkbox' | 'number' | 'lines' | 'multi-select' | 'json';

/** One field of a schema form. Bounds are null when the schema sets none. */
export interface FormFieldSpec {
  name: string;
  kind: FieldKind;
  /** For `text`: the <input> type (`password` for credentials). */
  inputType: 'text' | 'url' | 'email' | 'date' | 'password';
  required: boolean;
  description: string | null;
  /** For `select` and `multi-select`: the allowed values. */
  options: string[];
  integer: boolean;
  min: number | null;
  max: number | null;
  minLength: number | null;
  maxLength: number | null;
  minItems: number | null;
  maxItems: number | null;
  /** The schema's default; undefined when it has none. */
  defaultValue: unknown;
  /** For `json`: the compact type the value must have (`object`, `list of object`, …). */
  typeHint: string;
}

/** What the user has entered: text (text, select, number, lines, json), a flag, or chosen options. */
export type FieldDraft = string | boolean | string[];
export type FormDraft = Record<string, FieldDraft>;

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A property's type in a few characters; `any` when the schema does not say. */
export function schemaType(schema: Schema): string {
  if (Array.isArray(schema['enum'])) return schema['enum'].map((value) => JSON.stringify(value)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema['const']);
  const variants = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(variants)) {
    return [...new Set(variants.filter(isSchema).map(schemaType))].join(' | ') || 'any';
  }
  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  const named = types.filter((type): type is string => typeof type === 'string');
  if (named.length === 0) return 'any';
  return named
    .map((type) => {
      if (type === 'array') {
        const item = isSchema(schema['items']) ? schemaType(schema['items']) : 'any';
        return $localize`:@@connectors.schema.listOf:list of ${item}:type:`;
      }
      return typeof schema['format'] === 'string' ? `${type} (${schema['format']})` : type;
    })
    .join(' | ');
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The schema's alternatives without `null` (zod writes `.nullable()` as anyOf [X, {type: 'null'}]). */
function variantsOf(schema: Schema): Schema[] {
  const variants = schema['anyOf'] ?? schema['oneOf'];
  if (!Array.isArray(variants)) return [schema];
  return variants.filter(isSchema).filter((variant) => variant['type'] !== 'null');
}

function typesOf(schema: Schema): string[] {
  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  return types.filter((type): type is string => typeof type === 'string' && type !== 'null');
}

function stringEnum(schema: Schema): string[] | null {
  const values = schema['enum'];
  return Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string')
    ? values
    : null;
}

/** How a (single, non-null) schema is entered; `json` when none of the inputs fits. */
function kindOf(schema: Schema): FieldKind {
  if (stringEnum(schema)) return 'select';
  if ('enum' in schema || 'const' in schema) return 'json';
  const types = typesOf(schema);
  if (types.length !== 1) return 'json';
  const [type] = types;
  if (type === 'string') return 'text';
  if (type === 'boolean') return 'checkbox';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'array' && isSchema(schema['items'])) {
    const items = schema['items'];
    if (stringEnum(items)) return 'multi-select';
    if (typesOf(items).join() === 'string' && !('anyOf' in items)) return 'lines';
  }
  return 'json';
}

const INPUT_TYPES: Record<string, FormFieldSpec['inputType']> = { uri: 'url', email: 'email', date: 'date' };

function fieldOf(name: string, property: Schema, required: boolean, secret: boolean): FormFieldSpec {
  const variants = variantsOf(property);
  const kinds = [...new Set(variants.map(kindOf))];
  // Alternatives of one kind (a tenant id as uuid or domain) are one input; mixed ones need JSON.
  const kind = variants.length > 0 && kinds.length === 1 ? kinds[0] : 'json';
  const schema = variants.length === 1 ? variants[0] : property;
  const items = isSchema(schema['items']) ? schema['items'] : {};
  const format = typeof schema['format'] === 'string' ? schema['format'] : '';
  const exclusiveMin = numberOrNull(schema['exclusiveMinimum']);
  const exclusiveMax = numberOrNull(schema['exclusiveMaximum']);
  const integer = typesOf(schema).includes('integer');
  // An exclusive bound of a decimal is checked as inclusive here; the API checks it exactly.
  const step = integer ? 1 : 0;
  return {
    name,
    kind,
    inputType: secret ? 'password' : (INPUT_TYPES[format] ?? 'text'),
    required,
    description: typeof property['description'] === 'string' ? property['description'] : null,
    options: stringEnum(kind === 'multi-select' ? items : schema) ?? [],
    integer,
    min: numberOrNull(schema['minimum']) ?? (exclusiveMin === null ? null : exclusiveMin + step),
    max: numberOrNull(schema['maximum']) ?? (exclusiveMax === null ? null : exclusiveMax - step),
    minLength: numberOrNull(schema['minLength']),
    maxLength: numberOrNull(schema['maxLength']),
    minItems: numberOrNull(schema['minItems']),
    maxItems: numberOrNull(schema['maxItems']),
    defaultValue: property['default'],
    typeHint: schemaType(property),
  };
}

/** The fields of a settings or credentials schema, in the schema's order. Credentials are password inputs. */
export function formFields(
  schema: Record<string, unknown>,
  options: { secret?: boolean } = {},
): FormFieldSpec[] {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  return Object.entries(properties)
    .filter((entry): entry is [string, Schema] => isSchema(entry[1]))
    .map(([name, property]) =>
      fieldOf(
        name,
        property,
        required.includes(name),
        options.secret === true && kindOf(property) === 'text',
      ),
    );
}

/** The form as it opens: defaults pre-filled, everything else empty. */
export function initialDraft(fields: readonly FormFieldSpec[]): FormDraft {
  return Object.fromEntries(fields.map((field) => [field.name, draftOf(field, field.defaultValue)]));
}

function draftOf(field: FormFieldSpec, value: unknown): FieldDraft {
  switch (field.kind) {
    case 'checkbox':
      return value === true;
    case 'multi-select':
      return Array.isArray(value) ? value.map(String) : [];
    case 'lines':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

/** The value the API gets, or the reasons it cannot be sent (written like the API's: "settings.x: …"). */
export interface FormReading {
  value: Record<string, unknown>;
  /** Problems by field name. */
  errors: Record<string, string[]>;
}

/**
 * Reads the draft into the object the API validates. An empty optional field is left out (the connector's
 * default applies); required, length, range and item-count bounds are checked here too, so the user sees
 * them before a round trip. The API checks everything again (patterns, refinements).
 */
export function readDraft(fields: readonly FormFieldSpec[], draft: FormDraft, prefix: string): FormReading {
  const reading: FormReading = { value: {}, errors: {} };
  for (const field of fields) {
    const result = readField(field, draft[field.name] ?? draftOf(field, undefined));
    if ('error' in result) reading.errors[field.name] = [`${prefix}.${field.name}: ${result.error}`];
    else if (result.value !== undefined) reading.value[field.name] = result.value;
  }
  return reading;
}

type FieldResult = { value: unknown } | { error: string };

function requiredMessage(): string {
  return $localize`:@@connectors.field.required:required`;
}

function readField(field: FormFieldSpec, draft: FieldDraft): FieldResult {
  if (field.kind === 'checkbox') return { value: draft === true };
  const empty = Array.isArray(draft) ? draft.length === 0 : String(draft).trim() === '';
  if (empty) return field.required ? { error: requiredMessage() } : { value: undefined };
  switch (field.kind) {
    case 'number':
      return readNumber(field, String(draft).trim());
    case 'lines':
      return readItems(
        field,
        String(draft)
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      );
    case 'multi-select':
      return readItems(field, draft as string[]);
    case 'json':
      return readJson(String(draft));
    case 'select':
      return field.options.includes(String(draft))
        ? { value: draft }
        : { error: $localize`:@@connectors.field.oneOf:must be one of ${field.options.join(', ')}:options:` };
    default:
      return readText(field, String(draft));
  }
}

function readText(field: FormFieldSpec, text: string): FieldResult {
  const { minLength, maxLength } = field;
  if (minLength !== null && text.length < minLength)
    return {
      error:
        minLength === 1
          ? $localize`:@@connectors.field.minCharacter:at least 1 character`
          : $localize`:@@connectors.field.minCharacters:at least ${minLength}:count: characters`,
    };
  if (maxLength !== null && text.length > maxLength)
    return {
      error:
        maxLength === 1
          ? $localize`:@@connectors.field.maxCharacter:at most 1 character`
          : $localize`:@@connectors.field.maxCharacters:at most ${maxLength}:count: characters`,
    };
  return { value: text };
}

function readNumber(field: FormFieldSpec, text: string): FieldResult {
  const value = Number(text);
  const { min, max } = field;
  if (!Number.isFinite(value))
    return { error: $localize`:@@connectors.field.notANumber:"${text}:text:" is not a number` };
  if (field.integer && !Number.isInteger(value))
    return { error: $localize`:@@connectors.field.wholeNumber:must be a whole number` };
  if (min !== null && value < min)
    return { error: $localize`:@@connectors.field.min:must be at least ${min}:min:` };
  if (max !== null && value > max)
    return { error: $localize`:@@connectors.field.max:must be at most ${max}:max:` };
  return { value };
}

function readItems(field: FormFieldSpec, items: readonly string[]): FieldResult {
  const { minItems, maxItems } = field;
  if (minItems !== null && items.length < minItems)
    return {
      error:
        minItems === 1
          ? $localize`:@@connectors.field.minValue:give at least 1 value`
          : $localize`:@@connectors.field.minValues:give at least ${minItems}:count: values`,
    };
  if (maxItems !== null && items.length > maxItems)
    return {
      error:
        maxItems === 1
          ? $localize`:@@connectors.field.maxValue:give at most 1 value`
          : $localize`:@@connectors.field.maxValues:give at most ${maxItems}:count: values`,
    };
  const unknown = field.options.length > 0 ? items.find((item) => !field.options.includes(item)) : undefined;
  if (unknown !== undefined)
    return {
      error: $localize`:@@connectors.field.notOneOf:"${unknown}:value:" is not one of ${field.options.join(', ')}:options:`,
    };
  return { value: [...items] };
}

function readJson(text: string): FieldResult {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = (error as Error).message;
    return { error: $localize`:@@connectors.field.invalidJson:not valid JSON (${reason}:reason:)` };
  }
}

/** The API's messages for one form ("settings.delimiter: …"), by field; the rest for the whole form. */
export function errorsByField(
  messages: readonly string[],
  prefix: string,
  fields: readonly FormFieldSpec[],
): { byField: Record<string, string[]>; other: string[] } {
  const result: { byField: Record<string, string[]>; other: string[] } = { byField: {}, other: [] };
  for (const message of messages) {
    const field = fields.find(
      (candidate) =>
        message.startsWith(`${prefix}.${candidate.name}`) &&
        /^(\.|:|\s|\[)/.test(message.slice(prefix.length + candidate.name.length + 1)),
    );
    if (field) (result.byField[field.name] ??= []).push(message);
    else result.other.push(message);
  }
  return result;
}
