import { z } from 'zod';

/**
 * Field schemas the request and response shapes are built from. Their messages follow the API's 400 lines:
 * the request pipe puts the field's path in front ("from must be …"), so a message starts with "must".
 */

/** How a refused value is quoted after a message: `"2026-02-30"`, `null`, `2.5`; long text by its length. */
export function got(value: unknown): string {
  if (typeof value === 'string' && value.length > 40) return `${value.length} characters`;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a day that exists, written YYYY-MM-DD (2026-02-30 does not exist). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toISOString().slice(0, 10) === value;
}

/** What a day field says when the value is not written YYYY-MM-DD, and when that day does not exist. */
export interface DayMessages {
  shape: string;
  unreal: string;
}

/** The wording of goals, governance and rollouts: "must be a date YYYY-MM-DD", "must be a real calendar date". */
export const DAY_MESSAGES: DayMessages = {
  shape: 'must be a date YYYY-MM-DD',
  unreal: 'must be a real calendar date',
};

/**
 * A day written YYYY-MM-DD that exists; one message per bad value (the shape first, then whether the day
 * exists, with the value). Where the day must lie (EVENT_EARLIEST_DATE, tomorrow) is the API's check: it
 * depends on configuration.
 */
export function calendarDay(messages: DayMessages = DAY_MESSAGES) {
  return z
    .string({ error: messages.shape })
    .superRefine((value, ctx) => {
      if (!ISO_DAY.test(value)) ctx.addIssue({ code: 'custom', message: messages.shape, input: value });
      else if (!isCalendarDay(value)) {
        ctx.addIssue({ code: 'custom', message: `${messages.unreal} (got ${got(value)})`, input: value });
      }
    })
    .meta({ format: 'date' });
}

/** A day in a response (already checked when it was stored). */
export const day = z.string().meta({ format: 'date' });

/** An instant in a response, ISO 8601 (`toISOString()`; a Date is serialised to this). */
export const instant = z.string().meta({ format: 'date-time' });

/** Any UUID (ids are v4 from gen_random_uuid, but filters took every version and still do). */
export function uuid(message = 'must be a UUID') {
  return z.guid({ error: message });
}

/** Text of `min`..`max` characters, in class-validator's wording that the API has always used. */
export function text(bounds: { min?: number; max: number }) {
  const min = bounds.min ?? 0;
  let schema = z.string({ error: 'must be a string' });
  if (min > 0) schema = schema.min(min, { error: `must be longer than or equal to ${min} characters` });
  return schema.max(bounds.max, { error: `must be shorter than or equal to ${bounds.max} characters` });
}

/** One of `values`, listed in the message: "must be one of day, week, month". */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, message?: string) {
  return z.enum(values, { error: message ?? `must be one of ${values.join(', ')}` });
}

function range<T extends z.ZodNumber | z.ZodCoercedNumber>(
  schema: T,
  bounds: { min: number; max: number },
): T {
  return (schema as z.ZodNumber)
    .min(bounds.min, { error: `must not be less than ${bounds.min}` })
    .max(bounds.max, { error: `must not be greater than ${bounds.max}` }) as T;
}

/**
 * A whole number sent in a query string ("?limit=20"), `min`..`max`. Text that is not a number is refused
 * as "must be a whole number"; an empty value counts as 0, as the class-validator queries did.
 */
export function queryInteger(bounds: { min: number; max: number }) {
  const schema = z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' });
  return range(schema, bounds);
}

/** A number sent in a query string ("?targetShare=0.6"), `min`..`max`. */
export function queryNumber(bounds: { min: number; max: number }) {
  return range(z.coerce.number({ error: 'must be a number' }), bounds);
}

/** A number in a JSON body, `min`..`max` (text such as "5" is refused). */
export function bodyNumber(bounds: { min: number; max: number }) {
  return range(z.number({ error: 'must be a number' }), bounds);
}

/**
 * A whole number (or an amount with at most 2 decimals) in a JSON body, with one message naming the range and
 * the value: "must be a whole number from 2 to 100 (got 2.5)".
 */
export function numberFrom(
  bounds: { min: number; max: number },
  kind: 'whole number' | 'amount' = 'whole number',
) {
  const what = kind === 'whole number' ? 'a whole number' : 'an amount (at most 2 decimals)';
  const message = (input: unknown) =>
    `must be ${what} from ${bounds.min} to ${bounds.max.toLocaleString('en-US')} (got ${got(input)})`;
  // Written out as the client sent it: 1e21 and 0.1 + 0.2 are not amounts anyone typed.
  const shape = kind === 'whole number' ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  const fits = (value: number) => value >= bounds.min && value <= bounds.max && shape.test(String(value));
  return z
    .number({ error: (issue) => message(issue.input) })
    .refine(fits, { error: (issue) => message(issue.input) })
    .meta({ minimum: bounds.min, maximum: bounds.max });
}
