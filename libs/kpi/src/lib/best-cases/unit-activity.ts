import type { DataSource } from 'typeorm';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import { PeopleCell, RECORD_KEY_MODULUS, type PeopleCount } from '../disclosure/cell-key';
import { inSpan, monthSpansCte, weekSpansCte, type CommunityWindow } from '../communities/communities-data';

/** Each unit's ancestors and itself (root first), from its path ('/root-id/…/own-id/'): a person counts in all of them. */
export function unitAncestors(units: readonly { id: string; path: string }[]): Map<string, string[]> {
  return new Map(units.map((unit) => [unit.id, unit.path.split('/').filter((part) => part.length > 0)]));
}

/** Active people of a unit's subtree (or of the population: key null), true counts with cells. */
export interface UnitActivity {
  active: PeopleCell;
  active28: PeopleCell;
  active365: PeopleCell;
  /** People active in each week of the window's series. */
  weekly: number[];
}

export function emptyActivity(weeks: number): UnitActivity {
  return {
    active: new PeopleCell(),
    active28: new PeopleCell(),
    active365: new PeopleCell(),
    weekly: new Array<number>(weeks).fill(0),
  };
}

/** The active people of one org unit's own people (not its subtree's); `unit` null: people without a unit. */
export interface UnitActivityRow {
  unit: string | null;
  active: PeopleCount;
  active28: PeopleCount;
  active365: PeopleCount;
  /** People active in each week of the window's series, in its order. */
  weekly: number[];
}

/**
 * The activity of every org unit's own people, in any group or none, counted by Postgres per org unit of the
 * population's people (person_month, the window's months): in the range, its last 28 days, the 365 days
 * ending on its last day and each week of the series, with cell keys. About as many rows as units instead of
 * one per person and month (24k at 10M events for a year); rollUpUnitActivity sums the subtrees, since a
 * person belongs to one unit. unit-activity.int-spec checks it equals unitActivityOfBits (@uptake/kpi/testing:
 * the same from every person's day masks in Node) over the same data.
 */
export async function loadUnitActivity(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
): Promise<UnitActivityRow[]> {
  const key = (flag: string) =>
    `(coalesce(sum(p.record_key) FILTER (WHERE f.${flag}), 0) % ${RECORD_KEY_MODULUS})::bigint`;
  const rows: {
    unit: string | null;
    active: number;
    active_key: string;
    active28: number;
    active28_key: string;
    active365: number;
    active365_key: string;
    weeks: { week: string; people: number }[] | null;
  }[] = await dataSource.query(
    `WITH ${SCOPE},
     ${monthSpansCte('$6::date', '$5::date', [
       ['range', '$4::date', '$5::date'],
       ['last28', '$5::date - 27', '$5::date'],
       ['last365', '$5::date - 364', '$5::date'],
     ])},
     ${weekSpansCte('$7::date', '$5::date')},
     months AS (
       SELECT m.person_id, m.month, m.active FROM person_month m
       WHERE m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', $6::date)::date AND $5::date
         AND ${IN_SCOPE('m.person_id')}),
     flags AS (
       SELECT m.person_id, bool_or(${inSpan('m.active', 's', 'range')}) AS in_range,
              bool_or(${inSpan('m.active', 's', 'last28')}) AS last28,
              bool_or(${inSpan('m.active', 's', 'last365')}) AS last365
       FROM months m JOIN month_spans s ON s.month = m.month
       GROUP BY m.person_id),
     per_unit AS (
       SELECT p.org_unit_id AS unit,
              count(*) FILTER (WHERE f.in_range)::int AS active, ${key('in_range')} AS active_key,
              count(*) FILTER (WHERE f.last28)::int AS active28, ${key('last28')} AS active28_key,
              count(*) FILTER (WHERE f.last365)::int AS active365, ${key('last365')} AS active365_key
       FROM flags f JOIN people p ON p.organisation_id = $1 AND p.id = f.person_id
       GROUP BY p.org_unit_id),
     -- A week spanning two months is active when either part is: distinct people per week.
     per_week AS (
       SELECT w.unit, jsonb_agg(jsonb_build_object('week', to_char(w.week, 'YYYY-MM-DD'), 'people', w.people))
                AS weeks
       FROM (SELECT p.org_unit_id AS unit, x.week, count(*)::int AS people
             FROM (SELECT DISTINCT m.person_id, s.week
                   FROM months m JOIN week_spans s ON s.month = m.month AND ${inSpan('m.active', 's', 'week')}) x
             JOIN people p ON p.organisation_id = $1 AND p.id = x.person_id
             GROUP BY 1, 2) w
       GROUP BY w.unit)
     SELECT u.*, w.weeks FROM per_unit u LEFT JOIN per_week w ON w.unit IS NOT DISTINCT FROM u.unit`,
    [...scopeParameters(population), window.from, window.to, window.firstDay, window.seriesStart],
  );
  const cell = (count: number, recordKeys: string): PeopleCount => ({ count, key: Number(recordKeys) });
  return rows.map((row) => {
    const weeks = new Map((row.weeks ?? []).map((week) => [week.week, week.people]));
    return {
      unit: row.unit,
      active: cell(row.active, row.active_key),
      active28: cell(row.active28, row.active28_key),
      active365: cell(row.active365, row.active365_key),
      weekly: window.weeks.map((week) => weeks.get(week) ?? 0),
    };
  });
}

/**
 * The subtree activity of every unit (each row counts in its own unit and every ancestor, `ancestors`: unit
 * id → the ids on its path, itself included) and of all rows together (key null: the population the
 * candidates are compared with).
 */
export function rollUpUnitActivity(
  rows: readonly UnitActivityRow[],
  ancestors: ReadonlyMap<string, readonly string[]>,
  weeks: number,
): Map<string | null, UnitActivity> {
  const result = new Map<string | null, UnitActivity>([[null, emptyActivity(weeks)]]);
  const addCell = (cell: PeopleCell, part: PeopleCount) => {
    cell.count += part.count;
    cell.key = (cell.key + part.key) % RECORD_KEY_MODULUS;
  };
  for (const row of rows) {
    const units = row.unit === null ? [] : (ancestors.get(row.unit) ?? []);
    for (const key of [null, ...units]) {
      let activity = result.get(key);
      if (!activity) {
        activity = emptyActivity(weeks);
        result.set(key, activity);
      }
      addCell(activity.active, row.active);
      addCell(activity.active28, row.active28);
      addCell(activity.active365, row.active365);
      row.weekly.forEach((people, index) => (activity.weekly[index] += people));
    }
  }
  return result;
}
