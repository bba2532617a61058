import { MAX_EXPORT_ROWS, type SuppressionReason } from '@uptake/contracts';
import type { Translate } from './messages';

/**
 * The one shape every report becomes before it is written as CSV or XLSX: named tables of typed cells. A
 * report's figures are copied as the report publishes them (never recomputed); a figure the KPI engine
 * withheld stays empty and its reason goes into a companion "<column> note" column.
 */

/** How a cell is typed in XLSX and formatted in documents; CSV writes the published value as it is. */
export type CellKind = 'count' | 'number' | 'share' | 'hours' | 'money' | 'day' | 'text' | 'boolean' | 'enum';

/** Numbers as published; words (yes/no, enum values) already translated. */
export type CellValue = string | number | null;

export interface Cell {
  value: CellValue;
  kind: CellKind;
  /** Why the cell is empty (a withheld figure); written in the column's note column. */
  note?: string;
}

export interface TableColumn {
  label: string;
  kind: CellKind;
  /** A note column: the reasons of the column before it. */
  note?: boolean;
}

/** A table ready to write: header labels and rows of cells of the same length. */
export interface Table {
  name: string;
  title: string;
  columns: TableColumn[];
  rows: Cell[][];
  /** Set when rows were cut at MAX_EXPORT_ROWS: the last line says so. */
  truncated?: string;
}

/** A row of a report: one element of one of its arrays, or an object made from it. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * A column of a row table: a dotted path into the row (`retained4Weeks.rate`), its label's message key
 * (default `col.<path>`), and its kind. `spread`: the value is an array (a cohort's weekly retention) that
 * becomes one column per index.
 */
export interface ColumnSpec {
  path: string;
  /** 'per-row': each row says its kind (a table of single figures of different kinds). */
  kind: CellKind | 'per-row';
  label?: string;
  spread?: boolean;
  /** The value is a message key after this prefix (a figure's name). */
  translate?: string;
  /** Why a null is empty when the KPI engine did not withhold it (e.g. threads not measurable). */
  reason?: (row: Row) => string | undefined;
  /**
   * A sentence of the API said in the export's language from its code (server-sentences.ts); undefined
   * keeps the published value.
   */
  say?: (row: Row, t: Translate) => string | undefined;
}

/** A report's table: which rows, which columns; `inherit` gives the suppression rows fall under. */
export interface TableSpec<R> {
  name: string;
  rows: (report: R) => readonly Row[];
  columns: readonly ColumnSpec[];
  inherit?: (report: R) => SuppressionReason | undefined;
  /** A figures table's figures (path, kind): listed so the catalogue spec can check their labels. */
  figures?: readonly [string, CellKind][];
}

/** A report's tables, the main one first (the CSV default). */
export type ReportTables<R> = readonly TableSpec<R>[];

/** Shorthand for a column spec. */
export function col(
  path: string,
  kind: ColumnSpec['kind'],
  extra: Omit<ColumnSpec, 'path' | 'kind'> = {},
): ColumnSpec {
  return { path, kind, ...extra };
}

/** Shorthand for a "Figure | Value" table made of single figures of the report (see figureRows). */
export function figuresTable<R>(name: string, figures: readonly [string, CellKind][]): TableSpec<R> {
  return {
    name,
    rows: (report) => figureRows(report as Row, figures),
    columns: [col('figure', 'text', { translate: 'col.' }), col('value', 'per-row')],
    figures,
  };
}

/**
 * Single figures of a report as rows `{ figure, value, kind, suppressed }`: each keeps its own kind and the
 * suppression of the nearest object on its path that has one (a crossing's, else the report's).
 */
export function figureRows(report: Row, figures: readonly [string, CellKind][]): Row[] {
  return figures.map(([path, kind]) => {
    const { value, suppressed } = lookup(report, path);
    return { figure: path, value, kind, suppressed };
  });
}

/**
 * The value at a dotted path (undefined when the report leaves it out, null when it publishes none) and the
 * `suppressed` of the nearest object on the way (the row itself included).
 */
export function lookup(
  row: Row,
  path: string,
  inherited?: SuppressionReason,
): { value: unknown; suppressed: SuppressionReason | undefined } {
  let current: unknown = row;
  let suppressed = inherited;
  for (const segment of path.split('.')) {
    if (current === null) return { value: null, suppressed };
    if (typeof current !== 'object') return { value: undefined, suppressed };
    const own = (current as Row)['suppressed'];
    if (isSuppression(own)) suppressed = own;
    current = Object.hasOwn(current, segment) ? (current as Row)[segment] : undefined;
  }
  return { value: current, suppressed };
}

function isSuppression(value: unknown): value is SuppressionReason {
  return typeof value === 'object' && value !== null && (value as Row)['code'] === 'below-k';
}

/** The message of a column: its own label key, else `col.<path>`. */
function columnLabel(spec: ColumnSpec, t: Translate): string {
  return t(spec.label ?? `col.${spec.path}`);
}

/**
 * Builds a table from a spec: values copied as published, a withheld null noted with its k, enum values and
 * figure names translated, rows cut at `maxRows` with a last line saying how many there were.
 */
export function buildTable<R>(spec: TableSpec<R>, report: R, t: Translate, maxRows = MAX_EXPORT_ROWS): Table {
  const all = spec.rows(report);
  const rows = all.slice(0, maxRows);
  const inherited = spec.inherit?.(report);
  const expanded = expandColumns(spec.columns, rows);
  const cells = rows.map((row) =>
    expanded.map(({ spec: column, index }) => cellOf(row, column, index, t, inherited)),
  );
  const table = withNoteColumns(
    expanded.map(({ spec: column, index }) => ({
      label: index === undefined ? columnLabel(column, t) : `${columnLabel(column, t)} ${index}`,
      kind: column.kind === 'per-row' ? 'text' : column.kind,
    })),
    cells,
    t,
  );
  return {
    name: spec.name,
    title: t(`table.${spec.name}`),
    ...table,
    ...(all.length > rows.length
      ? { truncated: t('meta.truncated', { shown: rows.length, total: all.length }) }
      : {}),
  };
}

/** Spread columns become one column per index up to the longest array of the rows. */
function expandColumns(
  columns: readonly ColumnSpec[],
  rows: readonly Row[],
): { spec: ColumnSpec; index?: number }[] {
  return columns.flatMap((spec) => {
    if (!spec.spread) return [{ spec }];
    const longest = Math.max(0, ...rows.map((row) => arrayLength(lookup(row, spec.path).value)));
    return Array.from({ length: longest }, (_, index) => ({ spec, index }));
  });
}

function arrayLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function cellOf(
  row: Row,
  column: ColumnSpec,
  index: number | undefined,
  t: Translate,
  inherited: SuppressionReason | undefined,
): Cell {
  const found = lookup(row, column.path, inherited);
  const raw = index === undefined ? found.value : Array.isArray(found.value) ? found.value[index] : undefined;
  const kind = column.kind === 'per-row' ? (row['kind'] as CellKind) : column.kind;
  const said = raw === undefined || raw === null ? undefined : column.say?.(row, t);
  if (said !== undefined) return { value: said, kind };
  const value = publishedValue(raw, kind, t, column.translate);
  if (value !== null) return { value, kind };
  // Left out of the report (an optional figure, a week a cohort has not reached): empty, nothing withheld.
  if (raw === undefined) return { value: null, kind };
  if (found.suppressed)
    return { value: null, kind, note: t('meta.withheld', { k: found.suppressed.minGroupSize }) };
  const reason = column.reason?.(row);
  return reason ? { value: null, kind, note: reason } : { value: null, kind };
}

/** The value as the report has it; only words are translated (figure names, enum values). */
function publishedValue(raw: unknown, kind: CellKind, t: Translate, translate?: string): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'boolean') return t(raw ? 'meta.yes' : 'meta.no');
  if (typeof raw !== 'string') return JSON.stringify(raw);
  if (translate) return t(`${translate}${raw}`);
  if (kind === 'enum') return t.optional(`value.${raw}`) ?? raw;
  return raw;
}

/** A "<label> note" column after each column that has at least one note (no empty note columns). */
function withNoteColumns(
  columns: TableColumn[],
  rows: Cell[][],
  t: Translate,
): Pick<Table, 'columns' | 'rows'> {
  const noted = columns.map((_, index) => rows.some((row) => row[index].note !== undefined));
  const outColumns = columns.flatMap((column, index) =>
    noted[index]
      ? [column, { label: t('meta.noteColumn', { label: column.label }), kind: 'text' as const, note: true }]
      : [column],
  );
  const outRows = rows.map((row) =>
    row.flatMap((cell, index) =>
      noted[index] ? [cell, { value: cell.note ?? null, kind: 'text' as const }] : [cell],
    ),
  );
  return { columns: outColumns, rows: outRows };
}
