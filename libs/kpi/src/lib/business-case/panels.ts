import {
  GOAL_KPI_KEYS,
  MAX_BUSINESS_CASE_WEEKS,
  type DifferenceInDifferencesReport,
  type GoalKpi,
  type PanelComparisonKind,
} from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { addDays, periodsBetween, weekStart } from '../core/periods';
import type { DisclosureRule } from '../disclosure/cell-key';
import { didWindows, type PanelGroup, type PanelRow } from './difference-in-differences';
import {
  loadStrata,
  matchComparison,
  preMeansOf,
  publishMatching,
  type MatchingResult,
  type MatchPerson,
} from './matching';

// ---------------------------------------------------------------------------------------------------------
// Metrics

/**
 * Weekly per-person metrics read from the activity rollups. Unlike a usage metric, a week without activity
 * is a value (0) for a person employed that whole week: the rollups see everything the sources send.
 *
 * - `weekly_active`: 1 when the person had an active day in the week (a person_daily row: events > 0, what
 *   weekly_active_rate counts), else 0.
 * - `contributor`: 1 when they created, responded or reacted in the week (person_daily creations, responses
 *   or reactions > 0, the creators and contributors of contributor_share), else 0.
 * - `adopted`: 1 from the week of their first active day on (person_activity.first_day, adoption_rate's
 *   "activated"), else 0.
 * - `hours_to_first_response`: the mean hours to the first response by someone else over the threads the
 *   person started in the week (thread_rollup; threads nobody answered are left out, as in the median of
 *   the engagement KPI). Missing, not 0, in a week they started no answered thread. The goal KPI is a
 *   median over threads; here it is a mean per person, because difference-in-differences needs a quantity
 *   that adds up: the effect is a difference of person means, and a median of medians has no such
 *   algebra (the median of a change is not the change of the medians). A goal stated as a median is
 *   therefore estimated on means: the direction agrees, the size can differ when a few threads wait long.
 */
export const ACTIVITY_PANEL_METRICS = [
  'weekly_active',
  'contributor',
  'adopted',
  'hours_to_first_response',
] as const;
export type ActivityPanelMetric = (typeof ACTIVITY_PANEL_METRICS)[number];

/** A usage-report metric (a week without a row is missing) or an activity metric from the rollups. */
export type PanelMetric =
  { kind: 'usage'; metric: string } | { kind: 'activity'; metric: ActivityPanelMetric };

const USAGE_PREFIX = 'usage:';
/** The names usage_metrics accepts (its CHECK constraint). */
const USAGE_METRIC = /^[a-z][a-z0-9_.]{0,63}$/;

const GOAL_PANEL_METRICS: Record<GoalKpi, PanelMetric> = {
  adoption_rate: { kind: 'activity', metric: 'adopted' },
  weekly_active_rate: { kind: 'activity', metric: 'weekly_active' },
  contributor_share: { kind: 'activity', metric: 'contributor' },
  median_hours_to_first_response: { kind: 'activity', metric: 'hours_to_first_response' },
  emails_sent_per_person_per_week: { kind: 'usage', metric: 'email.sent' },
};

/**
 * The person-week metric whose DiD measures a goal KPI: the person-level quantity whose mean over people is
 * the KPI (a share of people is the mean of a 0/1 per person; the median hours are estimated on means).
 */
export function panelMetricOfGoalKpi(kpi: GoalKpi): PanelMetric {
  const metric = GOAL_PANEL_METRICS[kpi];
  if (!metric) throw new RangeError(`unknown goal KPI "${kpi}"`);
  return metric;
}

/**
 * A metric as the API and a baseline definition write it (effectMetricSchema): a goal KPI key, an activity
 * metric name, or `usage:<metric>` (usage:email.sent). Throws a RangeError for anything else.
 */
export function parsePanelMetric(text: string): PanelMetric {
  if ((GOAL_KPI_KEYS as readonly string[]).includes(text)) return panelMetricOfGoalKpi(text as GoalKpi);
  if ((ACTIVITY_PANEL_METRICS as readonly string[]).includes(text)) {
    return { kind: 'activity', metric: text as ActivityPanelMetric };
  }
  if (text.startsWith(USAGE_PREFIX) && USAGE_METRIC.test(text.slice(USAGE_PREFIX.length))) {
    return { kind: 'usage', metric: text.slice(USAGE_PREFIX.length) };
  }
  throw new RangeError(
    `"${text}" is not a panel metric: a goal KPI, one of ${ACTIVITY_PANEL_METRICS.join(', ')}, or usage:<metric>`,
  );
}

/** The text form of a metric (what parsePanelMetric reads back). */
export function panelMetricText(metric: PanelMetric): string {
  return metric.kind === 'usage' ? `${USAGE_PREFIX}${metric.metric}` : metric.metric;
}

// ---------------------------------------------------------------------------------------------------------
// Populations

/** People in any of the groups or any of the org-unit subtrees; both empty: every eligible person. */
export interface PanelPopulation {
  groupIds: readonly string[];
  orgUnitIds: readonly string[];
}

/**
 * Who the treated people are compared with: the rest of the organisation's eligible people, the people of
 * a population (minus the treated), or the rest of the organisation matched 1:1 to the treated people on
 * strata and pre-period activity (matching.ts) over the DiD pre window of `phaseStart` and `preWeeks`.
 */
export type PanelComparison =
  | { kind: 'rest-of-organisation' }
  | ({ kind: 'population' } & PanelPopulation)
  | { kind: 'matched'; phaseStart: string; preWeeks: number };

/** Groups or subtrees a population may name (as an intervention's target). */
export const MAX_POPULATION_IDS = 50;

// ---------------------------------------------------------------------------------------------------------
// The panel

/** People drawn per group at most. */
export const MAX_PANEL_PEOPLE = 200_000;
/** Person-weeks a panel holds at most (both groups): bounds memory when the weeks are many. */
export const MAX_PANEL_ROWS = 4_000_000;

/** People per group a panel of `weeks` weeks may hold: MAX_PANEL_PEOPLE, less when the weeks are many. */
export function panelPeopleCap(weeks: number): number {
  return Math.min(MAX_PANEL_PEOPLE, Math.floor(MAX_PANEL_ROWS / (2 * weeks)));
}

export interface PanelRequest {
  organisationId: string;
  metric: PanelMetric;
  treated: PanelPopulation;
  comparison: PanelComparison;
  /** Any days of the first and the last week: widened to Monday..Sunday, at most 156 weeks. */
  from: string;
  to: string;
}

export interface WeeklyPanel {
  rows: PanelRow[];
  /** Record keys of the people loaded (the cell-key method of the published counts), dropped ones included. */
  recordKeys: Map<string, number>;
  /** Monday..Sunday the panel covers. */
  from: string;
  to: string;
  weeks: number;
  /** People per group the panel may hold, and whether a group had more eligible people (then a sample). */
  peopleCap: number;
  truncated: Record<PanelGroup, boolean>;
  comparisonKind: PanelComparisonKind;
  /** The matching (true counts, unpublished) when the comparison is matched, else null. */
  matching: MatchingResult | null;
}

/** The eligible people of the range. $1 organisation, $6 Monday of the first week, $7 Sunday of the last. */
const ELIGIBLE = `
  eligible AS (
    SELECT p.id, p.record_key, p.org_unit_id, p.start_date, p.end_date FROM people p
    WHERE p.organisation_id = $1 AND p.in_directory
      AND (p.start_date IS NULL OR p.start_date <= $7::date)
      AND (p.end_date IS NULL OR p.end_date >= $6::date))`;

/**
 * Person `e` is in the population of the groups `groups` or the org-unit subtrees `units` (uuid[]
 * parameters); neither: everyone. A subtree is the unit and every unit whose path starts with its path, as
 * in core/population.ts.
 */
function inPopulation(groups: string, units: string): string {
  return `((cardinality(${groups}::uuid[]) = 0 AND cardinality(${units}::uuid[]) = 0)
    OR EXISTS (SELECT 1 FROM group_members gm
               WHERE gm.organisation_id = $1 AND gm.group_id = ANY(${groups}::uuid[]) AND gm.person_id = e.id)
    OR EXISTS (SELECT 1 FROM org_units root JOIN org_units u ON u.organisation_id = root.organisation_id
               WHERE root.organisation_id = $1 AND root.id = ANY(${units}::uuid[]) AND u.id = e.org_unit_id
                 AND u.path LIKE root.path || '%'))`;
}

/*
 * $2/$3 treated groups and units; $4/$5 comparison groups and units ($4 null: the rest of the organisation).
 * The comparison never holds a treated person.
 */
const GROUPS = `${ELIGIBLE},
  treated_all AS (SELECT e.* FROM eligible e WHERE ${inPopulation('$2', '$3')}),
  comparison_all AS (
    SELECT e.* FROM eligible e
    WHERE NOT ${inPopulation('$2', '$3')} AND ($4::uuid[] IS NULL OR ${inPopulation('$4', '$5')}))`;

/**
 * The sampled people: at most $8 a group, in md5(id) order (unrelated to who they are, the same on every
 * call). Materialised: the metric's rows are joined to it.
 */
const MEMBERS = `${GROUPS},
  members AS MATERIALIZED (
    (SELECT id, record_key, start_date, end_date, 'treated' AS grp FROM treated_all ORDER BY md5(id::text) LIMIT $8)
    UNION ALL
    (SELECT id, record_key, start_date, end_date, 'comparison' AS grp FROM comparison_all
     ORDER BY md5(id::text) LIMIT $8))`;

/**
 * Every week of the range of each person employed that whole week: the person-weeks whose activity
 * metric is a value (0 without activity). A week they started or left in is missing, like a week before
 * they started: a half week of activity is not comparable to a whole one.
 */
const EMPLOYED_WEEKS = `
  employed_weeks AS (
    SELECT m.id, m.record_key, m.grp, g.at::date AS week
    FROM members m
    CROSS JOIN generate_series($6::date::timestamp, $7::date::timestamp, interval '7 days') AS g(at)
    WHERE (m.start_date IS NULL OR m.start_date <= g.at::date)
      AND (m.end_date IS NULL OR m.end_date >= g.at::date + 6))`;

const SELECT_ROWS = `SELECT x.id AS person, x.grp, x.record_key::float8 AS key,
            to_char(x.week, 'YYYY-MM-DD') AS week, x.value::float8 AS value`;

/** The SQL of a metric's person-week rows (columns person, grp, key, week, value); $9 the usage metric. */
function rowsSql(metric: PanelMetric): string {
  if (metric.kind === 'usage') {
    // A week without a row is missing (no report covered the person), never 0.
    return `WITH ${MEMBERS},
      x AS (
        SELECT m.id, m.grp, m.record_key, date_trunc('week', u.day)::date AS week, sum(u.value) AS value
        FROM members m
        JOIN usage_metrics u ON u.organisation_id = $1 AND u.metric = $9 AND u.person_id = m.id
                            AND u.day BETWEEN $6::date AND $7::date
        GROUP BY m.id, m.grp, m.record_key, date_trunc('week', u.day))
      ${SELECT_ROWS} FROM x ORDER BY x.grp DESC, x.id, x.week`;
  }
  switch (metric.metric) {
    case 'weekly_active':
    case 'contributor': {
      // person_daily holds active days only (a join is no activity): a row is an active day.
      const condition =
        metric.metric === 'weekly_active'
          ? 'd.events > 0'
          : '(d.creations > 0 OR d.responses > 0 OR d.reactions > 0)';
      return `WITH ${MEMBERS}, ${EMPLOYED_WEEKS},
        weekly AS (
          SELECT d.person_id, date_trunc('week', d.day)::date AS week
          FROM person_daily d JOIN members m ON m.id = d.person_id
          WHERE d.organisation_id = $1 AND d.day BETWEEN $6::date AND $7::date AND ${condition}
          GROUP BY d.person_id, date_trunc('week', d.day)),
        x AS (
          SELECT e.id, e.grp, e.record_key, e.week, (a.person_id IS NOT NULL)::int AS value
          FROM employed_weeks e LEFT JOIN weekly a ON a.person_id = e.id AND a.week = e.week)
        ${SELECT_ROWS} FROM x ORDER BY x.grp DESC, x.id, x.week`;
    }
    case 'adopted':
      return `WITH ${MEMBERS}, ${EMPLOYED_WEEKS},
        x AS (
          SELECT e.id, e.grp, e.record_key, e.week, coalesce(a.first_day <= e.week + 6, false)::int AS value
          FROM employed_weeks e
          LEFT JOIN person_activity a ON a.organisation_id = $1 AND a.person_id = e.id)
        ${SELECT_ROWS} FROM x ORDER BY x.grp DESC, x.id, x.week`;
    case 'hours_to_first_response':
      return `WITH ${MEMBERS}, ${EMPLOYED_WEEKS},
        weekly AS (
          SELECT t.root_actor_id AS person_id, date_trunc('week', t.root_day)::date AS week,
                 avg(extract(epoch FROM t.first_response_at - t.root_at)) / 3600 AS hours
          FROM thread_rollup t JOIN members m ON m.id = t.root_actor_id
          WHERE t.organisation_id = $1 AND t.root_day BETWEEN $6::date AND $7::date
            AND t.first_response_at IS NOT NULL
          GROUP BY t.root_actor_id, date_trunc('week', t.root_day)),
        x AS (
          SELECT e.id, e.grp, e.record_key, e.week, a.hours AS value
          FROM employed_weeks e JOIN weekly a ON a.person_id = e.id AND a.week = e.week)
        ${SELECT_ROWS} FROM x ORDER BY x.grp DESC, x.id, x.week`;
  }
}

/** The range widened to whole weeks, checked against the bound. */
function panelRange(from: string, to: string): { first: string; last: string; weeks: number } {
  const first = weekStart(from);
  const last = addDays(weekStart(to), 6);
  if (first > last) throw new RangeError('from must not be after to');
  const weeks = periodsBetween(first, last, 'week').length;
  if (weeks > MAX_BUSINESS_CASE_WEEKS) {
    throw new RangeError(`a panel spans at most ${MAX_BUSINESS_CASE_WEEKS} weeks (got ${weeks})`);
  }
  return { first, last, weeks };
}

function checkPopulation(name: string, population: PanelPopulation): void {
  if (population.groupIds.length + population.orgUnitIds.length > MAX_POPULATION_IDS) {
    throw new RangeError(`the ${name} population names at most ${MAX_POPULATION_IDS} groups and org units`);
  }
}

/**
 * The person × week panel of a metric for the treated population (its eligible people: listed, employed at
 * some point of the range) and a comparison, ready for `differenceInDifferences`:
 *
 * - a usage metric (usage_metrics): a person's weekly value is the sum of their days; a week without any
 *   row is missing (no report covered them), never 0;
 * - an activity metric (ACTIVITY_PANEL_METRICS, from person_daily, person_activity, thread_rollup): every
 *   week the person was employed whole has a value, 0 without activity (hours_to_first_response excepted:
 *   missing without an answered thread); weeks they were not employed are missing.
 *
 * The treated population is the union of group members and org-unit subtrees (both empty: everyone). The
 * comparison never holds a treated person. `from`/`to` are widened to whole weeks (Monday..Sunday), at most
 * 156. A group with more eligible people than the cap is sampled, not cut: people are taken in the order of
 * md5(id), which is unrelated to who they are, so the sample is random and the same on every call. A
 * matched comparison is drawn from the (sampled) rest of the organisation, and the rows then hold the
 * matched treated people and their matches only.
 *
 * Reads people, group_members, org_units and one of usage_metrics / person_daily / person_activity /
 * thread_rollup: two queries (group sizes, rows), three with the matching's strata.
 */
export async function loadWeeklyPanel(dataSource: DataSource, request: PanelRequest): Promise<WeeklyPanel> {
  const { organisationId, metric, treated, comparison } = request;
  const { first, last, weeks } = panelRange(request.from, request.to);
  checkPopulation('treated', treated);
  if (comparison.kind === 'population') checkPopulation('comparison', comparison);
  const preWindow =
    comparison.kind === 'matched' ? didWindows(comparison.phaseStart, comparison.preWeeks, 1).pre : null;
  if (preWindow && (preWindow.from < first || preWindow.to > last)) {
    throw new RangeError('the pre window of a matched comparison must lie inside the panel’s range');
  }
  const cap = panelPeopleCap(weeks);
  const comparisonPopulation = comparison.kind === 'population' ? comparison : null;
  const parameters = [
    organisationId,
    treated.groupIds,
    treated.orgUnitIds,
    comparisonPopulation?.groupIds ?? null,
    comparisonPopulation?.orgUnitIds ?? [],
    first,
    last,
  ];
  const [sizes]: { treated: number; comparison: number }[] = await dataSource.query(
    `WITH ${GROUPS}
     SELECT (SELECT count(*) FROM treated_all)::int AS treated,
            (SELECT count(*) FROM comparison_all)::int AS comparison`,
    parameters,
  );
  const rows: { person: string; grp: PanelGroup; key: number; week: string; value: number }[] =
    await dataSource.query(rowsSql(metric), [
      ...parameters,
      cap,
      ...(metric.kind === 'usage' ? [metric.metric] : []),
    ]);
  const recordKeys = new Map<string, number>();
  let panel: PanelRow[] = rows.map((row) => {
    recordKeys.set(row.person, Number(row.key));
    return { person: row.person, group: row.grp, week: row.week, value: row.value };
  });
  let matching: MatchingResult | null = null;
  if (preWindow) {
    matching = await matchPanel(dataSource, organisationId, panel, preWindow);
    const kept = new Set(matching.pairs.flatMap((pair) => [pair.treated, pair.comparison]));
    panel = panel.filter((row) => kept.has(row.person));
  }
  return {
    rows: panel,
    recordKeys,
    from: first,
    to: last,
    weeks,
    peopleCap: cap,
    truncated: { treated: sizes.treated > cap, comparison: sizes.comparison > cap },
    comparisonKind: comparison.kind,
    matching,
  };
}

/** Matches the panel's treated people to its comparison people on their strata and pre-window means. */
async function matchPanel(
  dataSource: DataSource,
  organisationId: string,
  panel: readonly PanelRow[],
  pre: { from: string; to: string },
): Promise<MatchingResult> {
  const means = preMeansOf(panel, pre);
  const groups = new Map(panel.map((row) => [row.person, row.group]));
  const strata = await loadStrata(dataSource, organisationId, [...means.keys()]);
  const people: Record<PanelGroup, MatchPerson[]> = { treated: [], comparison: [] };
  for (const [id, preMean] of means) {
    const stratum = strata.get(id);
    if (stratum) people[groups.get(id) as PanelGroup].push({ id, stratum, preMean });
  }
  return matchComparison(people.treated, people.comparison);
}

/**
 * The DiD report with what it was compared with: the comparison kind, and the matching's published
 * diagnostics (null for another comparison).
 */
export function withComparison<T extends DifferenceInDifferencesReport>(
  report: T,
  panel: Pick<WeeklyPanel, 'comparisonKind' | 'matching' | 'recordKeys'>,
  rule: DisclosureRule,
): T {
  return {
    ...report,
    comparisonKind: panel.comparisonKind,
    matching: panel.matching ? publishMatching(panel.matching, panel.recordKeys, rule) : null,
  };
}
