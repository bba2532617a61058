import { MAX_BUSINESS_CASE_WEEKS } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { addDays, periodsBetween, weekStart } from '../core/periods';
import type { PanelGroup, PanelRow } from './difference-in-differences';

/** People drawn per group at most. */
export const MAX_PANEL_PEOPLE = 200_000;
/** Person-weeks a panel holds at most (both groups): bounds memory when the weeks are many. */
export const MAX_PANEL_ROWS = 4_000_000;

/** Who the treated people are compared with: another group's members, or every other eligible person. */
export type PanelComparison = { kind: 'group'; groupId: string } | { kind: 'rest-of-organisation' };

export interface UsagePanel {
  rows: PanelRow[];
  /** Record keys of the people in the rows (the cell-key method of the published counts). */
  recordKeys: Map<string, number>;
  /** Monday..Sunday the panel covers. */
  from: string;
  to: string;
  weeks: number;
  /** People per group the panel may hold, and whether a group had more eligible people (then a sample). */
  peopleCap: number;
  truncated: Record<PanelGroup, boolean>;
}

/** People per group a panel of `weeks` weeks may hold: MAX_PANEL_PEOPLE, less when the weeks are many. */
export function panelPeopleCap(weeks: number): number {
  return Math.min(MAX_PANEL_PEOPLE, Math.floor(MAX_PANEL_ROWS / (2 * weeks)));
}

/*
 * $1 organisation, $2 treated group, $3 comparison group (null: rest of the organisation), $4 from, $5 to.
 * Eligible: listed in the directory and employed at some point of the range (as the KPI denominators).
 * The comparison never holds a member of the treated group.
 */
const GROUPS = `
  eligible AS (
    SELECT p.id, p.record_key FROM people p
    WHERE p.organisation_id = $1 AND p.in_directory
      AND (p.start_date IS NULL OR p.start_date <= $5::date)
      AND (p.end_date IS NULL OR p.end_date >= $4::date)),
  treated_all AS (
    SELECT e.* FROM eligible e
    WHERE EXISTS (SELECT 1 FROM group_members gm
                  WHERE gm.organisation_id = $1 AND gm.group_id = $2 AND gm.person_id = e.id)),
  comparison_all AS (
    SELECT e.* FROM eligible e
    WHERE NOT EXISTS (SELECT 1 FROM group_members gm
                      WHERE gm.organisation_id = $1 AND gm.group_id = $2 AND gm.person_id = e.id)
      AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM group_members gm
                      WHERE gm.organisation_id = $1 AND gm.group_id = $3 AND gm.person_id = e.id)))`;

/**
 * The person × week panel of a daily usage metric (e.g. e-mails sent, from the Microsoft 365 e-mail report
 * in usage_metrics) for the eligible members of a group (a phase's cohort) and a comparison: the members of
 * another group, or the rest of the organisation's eligible people. A person's weekly value is the sum of
 * their days in the week; a week without any row for them is missing (no report covered them), never 0.
 *
 * `from`/`to` are widened to whole weeks (Monday..Sunday), at most 156. A group with more eligible people
 * than the cap is sampled, not cut: people are taken in the order of md5(id), which is unrelated to who they
 * are, so the sample is random and the same on every call.
 */
export async function loadWeeklyUsagePanel(
  dataSource: DataSource,
  organisationId: string,
  metric: string,
  treatedGroupId: string,
  comparison: PanelComparison,
  from: string,
  to: string,
): Promise<UsagePanel> {
  const first = weekStart(from);
  const last = addDays(weekStart(to), 6);
  if (first > last) throw new RangeError('from must not be after to');
  const weeks = periodsBetween(first, last, 'week').length;
  if (weeks > MAX_BUSINESS_CASE_WEEKS) {
    throw new RangeError(`a usage panel spans at most ${MAX_BUSINESS_CASE_WEEKS} weeks (got ${weeks})`);
  }
  const cap = panelPeopleCap(weeks);
  const comparisonGroup = comparison.kind === 'group' ? comparison.groupId : null;
  const parameters = [organisationId, treatedGroupId, comparisonGroup, first, last];
  const [sizes]: { treated: number; comparison: number }[] = await dataSource.query(
    `WITH ${GROUPS}
     SELECT (SELECT count(*) FROM treated_all)::int AS treated, (SELECT count(*) FROM comparison_all)::int AS comparison`,
    parameters,
  );
  const rows: { person: string; grp: PanelGroup; key: number; week: string; value: number }[] =
    await dataSource.query(
      `WITH ${GROUPS},
       members AS (
         (SELECT id, record_key, 'treated' AS grp FROM treated_all ORDER BY md5(id::text) LIMIT $7)
         UNION ALL
         (SELECT id, record_key, 'comparison' AS grp FROM comparison_all ORDER BY md5(id::text) LIMIT $7))
       SELECT m.id AS person, m.grp, m.record_key::float8 AS key,
              to_char(date_trunc('week', u.day)::date, 'YYYY-MM-DD') AS week, sum(u.value)::float8 AS value
       FROM members m
       JOIN usage_metrics u ON u.organisation_id = $1 AND u.metric = $6 AND u.person_id = m.id
                           AND u.day BETWEEN $4::date AND $5::date
       GROUP BY m.id, m.grp, m.record_key, date_trunc('week', u.day)
       ORDER BY m.grp DESC, m.id, week`,
      [...parameters, metric, cap],
    );
  const recordKeys = new Map<string, number>();
  const panel: PanelRow[] = rows.map((row) => {
    recordKeys.set(row.person, Number(row.key));
    return { person: row.person, group: row.grp, week: row.week, value: row.value };
  });
  return {
    rows: panel,
    recordKeys,
    from: first,
    to: last,
    weeks,
    peopleCap: cap,
    truncated: { treated: sizes.treated > cap, comparison: sizes.comparison > cap },
  };
}
