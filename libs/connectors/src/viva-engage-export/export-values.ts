import {
  compilePattern,
  parseIsoDateTime,
  parseWithPattern,
  quoteValue,
  type RowReader,
} from '@uptake/connector-sdk';

/** How the export writes times: `2024-03-04 09:15:02 UTC`. ISO 8601 with an offset is read too. */
const EXPORT_TIME = compilePattern("yyyy-MM-dd HH:mm:ss 'UTC'");
/** Yammer ids are 64-bit integers written in decimal. */
const YAMMER_ID = /^\d{1,20}$/;

/** A date-time of the export (UTC); a problem naming the field and value otherwise. */
export function exportDateTime<F extends string>(
  reader: RowReader<F>,
  field: F,
  options: { required?: boolean } = {},
): Date | null {
  const value = reader.text(field, { required: options.required, max: 64 });
  if (value === null) return null;
  const exported = parseWithPattern(value, EXPORT_TIME, 'UTC');
  if ('date' in exported) return exported.date;
  const iso = parseIsoDateTime(value);
  if ('date' in iso) return iso.date;
  return reader.fail(
    field,
    `: ${quoteValue(value)} is not a time as the export writes them (e.g. 2024-03-04 09:15:02 UTC)`,
  );
}

/** The day (UTC) of an export date-time. */
export function exportDay<F extends string>(reader: RowReader<F>, field: F): string | null {
  return exportDateTime(reader, field)?.toISOString().slice(0, 10) ?? null;
}

/** `true` / `false` as the export writes flags; empty is false. */
export function exportFlag<F extends string>(reader: RowReader<F>, field: F): boolean {
  const value = reader.text(field, { max: 16 });
  if (value === null) return false;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  reader.fail(field, `: ${quoteValue(value)} is not true or false`);
  return false;
}

/** A Yammer id (message, user, group, conversation): decimal digits. */
export function yammerId<F extends string>(
  reader: RowReader<F>,
  field: F,
  options: { required?: boolean } = {},
): string | null {
  const value = reader.text(field, { required: options.required, max: 64 });
  if (value === null) return null;
  if (!YAMMER_ID.test(value)) return reader.fail(field, `: ${quoteValue(value)} is not a Yammer id (digits)`);
  return value;
}
