import type { GoalView } from '@uptake/contracts';
import { formatDay, formatHours, formatMoney, formatNumber, formatShare } from '../shared/format';

type GoalStatus = GoalView['progress']['status'];

/** Badge label and colour of a goal status (colours also carry a word, never colour alone). */
export const GOAL_STATUS: Record<GoalStatus, { label: string; tone: 'good' | 'warn' | 'bad' | 'none' }> = {
  achieved: { label: $localize`:@@overview.goalStatus.achieved:Achieved`, tone: 'good' },
  'on-track': { label: $localize`:@@overview.goalStatus.onTrack:On track`, tone: 'good' },
  'at-risk': { label: $localize`:@@overview.goalStatus.atRisk:At risk`, tone: 'warn' },
  'off-track': { label: $localize`:@@overview.goalStatus.offTrack:Off track`, tone: 'bad' },
  'no-data': { label: $localize`:@@overview.goalStatus.noData:No data`, tone: 'none' },
};

/** KPIs measured as fractions of people (shown as percentages). */
const SHARE_KPIS = new Set(['adoption_rate', 'weekly_active_rate', 'contributor_share']);

/** A goal's value in its own unit: shares as %, hours as h, anything else with the goal's display unit. */
export function formatGoalValue(goal: Pick<GoalView, 'kpi' | 'unit'>, value: number): string {
  if (SHARE_KPIS.has(goal.kpi)) return formatShare(value);
  if (goal.kpi === 'median_hours_to_first_response') return formatHours(value);
  const number = formatNumber(value, 1);
  return goal.unit ? `${number} ${goal.unit}` : number;
}

/** What a goal row shows, formatted. */
export interface GoalRow {
  id: string;
  name: string;
  description: string;
  current: string | null;
  baseline: string;
  target: string;
  /** Bar width in percent: progress from baseline (0) to target (100), clamped. */
  progressPercent: number | null;
  status: (typeof GOAL_STATUS)[GoalStatus] & { key: GoalStatus };
  projected: string | null;
  deadline: string | null;
  /** Whether the trend reaches the target after the deadline (or the deadline passed unmet). */
  late: boolean;
  sparkline: string;
  annualValue: string | null;
}

export function goalRow(goal: GoalView): GoalRow {
  const { progress } = goal;
  const projected = progress.projectedDate;
  return {
    id: goal.id,
    name: goal.name,
    description: goal.kpiDescription,
    current: progress.current === null ? null : formatGoalValue(goal, progress.current),
    baseline: formatGoalValue(goal, goal.baseline),
    target: formatGoalValue(goal, goal.target),
    progressPercent: progress.progress === null ? null : Math.round(clamp(progress.progress, 0, 1) * 100),
    status: { key: progress.status, ...GOAL_STATUS[progress.status] },
    projected: projected ? formatDay(projected) : null,
    deadline: goal.deadline ? formatDay(goal.deadline) : null,
    late:
      progress.status !== 'achieved' &&
      goal.deadline !== null &&
      projected !== null &&
      projected > goal.deadline,
    sparkline: sparklinePath(
      progress.series.map((week) => week.value),
      SPARKLINE.width,
      SPARKLINE.height,
    ),
    annualValue: goal.annualValue
      ? `${formatMoney(goal.annualValue.amount, goal.annualValue.currency)} · ${perYear(goal.annualValue.hoursPerYear)}`
      : null,
  };
}

/** Size of the goal sparklines' SVG viewBox. */
export const SPARKLINE = { width: 120, height: 32 };

/**
 * SVG path of a sparkline: values spread over the width, scaled between their own min and max (a flat line
 * sits in the middle), with a gap (a new "M") where a week is hidden. Empty when no week has a value.
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number): string {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 2;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = round(index * step);
    const y = round(span === 0 ? height / 2 : pad + (1 - (value - min) / span) * (height - 2 * pad));
    path += `${path ? ' ' : ''}${drawing ? 'L' : 'M'}${x} ${y}`;
    drawing = true;
  });
  return path;
}

/** The goals' estimated annual value added up: one amount per currency (never converted), and hours. */
export interface AnnualValueTotal {
  amounts: { currency: string; amount: number; formatted: string }[];
  hoursPerYear: number;
  formattedHours: string;
  /** Goals with a value model (the rest add nothing). */
  goalsValued: number;
}

export function annualValueTotal(goals: readonly GoalView[]): AnnualValueTotal | null {
  const valued = goals.filter((goal) => goal.annualValue !== null);
  if (valued.length === 0) return null;
  const byCurrency = new Map<string, number>();
  let hoursPerYear = 0;
  for (const { annualValue } of valued) {
    if (!annualValue) continue;
    byCurrency.set(annualValue.currency, (byCurrency.get(annualValue.currency) ?? 0) + annualValue.amount);
    hoursPerYear += annualValue.hoursPerYear;
  }
  return {
    amounts: [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount, formatted: formatMoney(amount, currency) })),
    hoursPerYear,
    formattedHours: perYear(Math.round(hoursPerYear)),
    goalsValued: valued.length,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Hours a year: "1,234 h/year". */
function perYear(hours: number): string {
  return $localize`:@@overview.goal.hoursPerYear:${formatHours(hours)}:hours:/year`;
}
