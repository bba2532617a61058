import { identityProblem, unsafeTextProblem } from '../text';
import { quoteValue } from './reasons';
import { isCalendarDate, parseIsoDateTime } from './timestamps';

export { quoteValue } from './reasons';

/**
 * Field-level reading of one imported row (a CSV line, an NDJSON object, a webhook event), shared by the
 * csv, webhook and directory-csv connectors. Each getter returns the normalised value or null, and
 * collects a problem naming the field and the offending value instead of throwing.
 *
 * Values of personal fields (person ids, e-mail addresses) are never echoed in a reason: reasons are
 * stored in clear in the quarantine, while person ids are only ever stored as pseudonyms.
 */

export interface FieldProblem<F extends string = string> {
  field: F;
  reason: string;
}

/** Postgres `integer` columns (content length, count). */
export const MAX_INT32 = 2_147_483_647;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^[+-]?\d+$/;

/** A person identity key: trimmed, and lower-cased when it is an e-mail address (so sources match). */
export function personKey(id: string): string {
  const trimmed = id.trim();
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed;
}

export class RowReader<F extends string> {
  readonly problems: FieldProblem<F>[] = [];

  /** Fields that already have a problem: their getters return null without adding another. */
  private readonly failed = new Set<F>();

  /**
   * @param row raw values by documented field name (strings from CSV, any JSON value otherwise)
   * @param label how a field is named to the user (the documented name, a webhook's camelCase key)
   * @param earlier problems found before (a column mapping that could not produce a field's value)
   */
  constructor(
    private readonly row: Partial<Record<F, unknown>>,
    private readonly label: (field: F) => string = (field) => field,
    earlier: readonly FieldProblem<F>[] = [],
  ) {
    for (const problem of earlier) {
      this.problems.push(problem);
      this.failed.add(problem.field);
    }
  }

  fail(field: F, reason: string): null {
    this.problems.push({ field, reason: `${this.label(field)}${reason}` });
    this.failed.add(field);
    return null;
  }

  /** Trimmed text; null when missing or empty (a problem when required). */
  text(field: F, options: { required?: boolean; max: number; personal?: boolean }): string | null {
    if (this.failed.has(field)) return null;
    const raw = this.row[field];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      return options.required ? this.fail(field, ' is missing') : null;
    }
    let value: string;
    if (typeof raw === 'string') value = raw.trim();
    else if (typeof raw === 'number' && Number.isSafeInteger(raw)) value = String(raw);
    else return this.fail(field, `: expected text, got ${Array.isArray(raw) ? 'array' : typeof raw}`);
    // The value is not echoed when unsafe: a NUL or a lone surrogate would land in the quarantine's reason.
    const unsafe = options.personal ? identityProblem(value) : unsafeTextProblem(value);
    if (unsafe) return this.fail(field, `: ${unsafe}`);
    const shown = options.personal ? '' : ` ${quoteValue(value)}`;
    if (value.length > options.max) {
      return this.fail(field, `:${shown} is longer than ${options.max} characters`);
    }
    return value;
  }

  /** A person identity key (see `personKey`); its value never appears in a reason. */
  person(field: F, options: { required?: boolean } = {}): string | null {
    const value = this.text(field, { ...options, max: 512, personal: true });
    return value === null ? null : personKey(value);
  }

  /** A whole number in [min, max], from a JSON number or a decimal string. */
  integer(field: F, options: { min: number; max: number }): number | null {
    if (this.failed.has(field)) return null;
    const raw = this.row[field];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
    const range =
      options.max === MAX_INT32 ? `of at least ${options.min}` : `from ${options.min} to ${options.max}`;
    const value =
      typeof raw === 'number' ? raw : typeof raw === 'string' && INTEGER.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < options.min || value > options.max) {
      return this.fail(field, `: ${quoteValue(raw)} is not an integer ${range}`);
    }
    return value;
  }

  /** One of `allowed` (case-insensitive), after looking the raw value up in `mapping`. */
  oneOf<T extends string>(
    field: F,
    allowed: readonly T[],
    options: { required?: boolean; mapping?: Readonly<Record<string, T>>; hint?: string } = {},
  ): T | null {
    const value = this.text(field, { required: options.required, max: 200 });
    if (value === null) return null;
    const mapped = options.mapping?.[value] ?? options.mapping?.[value.toLowerCase()] ?? value;
    const match = allowed.find((candidate) => candidate === mapped.toLowerCase());
    if (match) return match;
    return this.fail(
      field,
      `: ${quoteValue(value)} is not one of ${allowed.join(', ')}${options.hint ? ` ${options.hint}` : ''}`,
    );
  }

  /**
   * An ISO 8601 date-time that states its offset (Z or ±hh:mm): local times are ambiguous, unless a time zone
   * is given to read them in. A Date (a time the column mapping has read already) is taken as it is.
   */
  dateTime(
    field: F,
    options: { required?: boolean; timeZone?: string; settingsHints?: boolean } = {},
  ): Date | null {
    const raw = this.row[field];
    if (raw instanceof Date && !this.failed.has(field)) return raw;
    const value = this.text(field, { required: options.required, max: 64 });
    if (value === null) return null;
    const result = parseIsoDateTime(value, options);
    return 'date' in result ? result.date : this.fail(field, result.problem);
  }

  /** A calendar day written YYYY-MM-DD. */
  date(field: F): string | null {
    const value = this.text(field, { max: 64 });
    if (value === null) return null;
    const match = DATE.exec(value);
    if (!match) return this.fail(field, `: ${quoteValue(value)} is not a date in YYYY-MM-DD form`);
    if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      return this.fail(field, `: ${quoteValue(value)} is not a real date`);
    }
    return value;
  }
}

/**
 * One problem per bad row (so the quarantine counts rows, not fields): located at the first bad field,
 * with every field's reason, so the row can be fixed in one go.
 */
export function rowProblemReason<F extends string>(
  problems: readonly FieldProblem<F>[],
): { field: F; reason: string } {
  return { field: problems[0].field, reason: problems.map((problem) => problem.reason).join('; ') };
}
