import {
  MAX_BUSINESS_CASE_GOALS,
  type AdoptionReport,
  type BusinessCaseGoal,
  type BusinessCaseReport,
  type GoalView,
  type RolloutPlanView,
  type ValueRange,
} from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { adoptionChartOption, goalSeriesChartOption } from './charts';
import type { Formats } from './locale';
import type { Translate } from './messages';

/**
 * The steering-committee document (executive overview, business case) as a format-free model: a title, the
 * lines under it and one section per page (PDF) or slide (PPTX). Both writers draw the same model, so the
 * PDF and the deck say the same thing. Every figure is one the API's reports publish, formatted with Intl.
 */
export interface SteeringDocument {
  title: string;
  subtitle: string[];
  sections: DocumentSection[];
}

export interface DocumentSection {
  heading: string;
  lines: string[];
  table?: { columns: string[]; rows: string[][] };
  /** An ECharts option; the writers render it with @uptake/render at their own size. */
  chart?: EChartsCoreOption;
}

/** What the document is made of: the reports the overview page reads, and the business case for its kind. */
export interface SteeringData {
  kind: 'overview' | 'business-case';
  organisation: string;
  /** Header lines under the title (period, filters, k, generated at, the estimate label). */
  subtitle: string[];
  adoption: AdoptionReport;
  goals: GoalView[];
  plan: RolloutPlanView | undefined;
  businessCase?: BusinessCaseReport;
}

/** Sections every document has before its goals: title slide not counted. */
export function fixedSectionCount(kind: SteeringData['kind']): number {
  return kind === 'business-case' ? 4 : 3;
}

/**
 * Goals a document shows (a page or slide each, with a chart): the business case's own bound. Goals are few;
 * a list past it is cut with a line saying how many were left out.
 */
export const MAX_DOCUMENT_GOALS = MAX_BUSINESS_CASE_GOALS;

export function steeringDocument(data: SteeringData, t: Translate, f: Formats): SteeringDocument {
  const valued = new Map((data.businessCase?.goals ?? []).map((goal) => [goal.goalId, goal]));
  const goals = data.goals.slice(0, MAX_DOCUMENT_GOALS);
  const sections = [
    headlineSection(data, t, f),
    ...(data.businessCase ? [totalsSection(data.businessCase, t, f)] : []),
    goalsSection({ ...data, goals }, valued, t, f, data.goals.length - goals.length),
    rolloutSection(data.plan, t, f),
    ...goals.map((goal) => goalSection(goal, valued.get(goal.id), t, f)),
  ];
  return { title: `${t(`report.${data.kind}`)}: ${data.organisation}`, subtitle: data.subtitle, sections };
}

/** Adoption goals over the same population as the adoption report (a company-wide target over a unit would mislead). */
export function adoptionTargets(goals: readonly GoalView[], report: AdoptionReport): GoalView[] {
  return goals.filter(
    (goal) =>
      goal.kpi === 'adoption_rate' &&
      goal.orgUnitId === report.scope.orgUnitId &&
      goal.groupId === report.scope.groupId,
  );
}

function headlineSection(data: SteeringData, t: Translate, f: Formats): DocumentSection {
  const latest = data.adoption.points.at(-1);
  const targets = adoptionTargets(data.goals, data.adoption);
  const lines: string[] = [];
  if (!latest) lines.push(t('doc.noAdoption'));
  else if (latest.adoptionRate === null && latest.suppressed) {
    lines.push(t('doc.adoptionWithheld', { day: f.day(latest.end), k: latest.suppressed.minGroupSize }));
  } else if (latest.adoptionRate !== null) {
    lines.push(t('doc.adoptionNow', { value: f.share(latest.adoptionRate), day: f.day(latest.end) }));
  } else lines.push(t('doc.noAdoption'));
  if (targets.length === 0) lines.push(t('doc.noTarget'));
  for (const goal of targets) {
    lines.push(
      goal.deadline
        ? t('doc.target', { target: f.share(goal.target), deadline: f.day(goal.deadline), goal: goal.name })
        : t('doc.targetNoDeadline', { target: f.share(goal.target), goal: goal.name }),
    );
  }
  return {
    heading: t('doc.headline'),
    lines,
    ...(data.adoption.points.length > 0 ? { chart: adoptionChartOption(data.adoption, targets, t, f) } : {}),
  };
}

function totalsSection(report: BusinessCaseReport, t: Translate, f: Formats): DocumentSection {
  const lines = [t('meta.estimate')];
  const currency = report.currency;
  const { totals } = report;
  if (!totals || !currency) {
    lines.push(t('doc.noTotals'));
  } else {
    const money = (value: number | null) => (value === null ? t('doc.none') : f.money(value, currency));
    lines.push(
      `${t('doc.totalValue')}: ${rangeText(totals.valuePerYear, money)}`,
      `${t('doc.valueToDate')}: ${rangeText(totals.valueToDate, money)}`,
      `${t('doc.roi')}: ${rangeText(totals.roi, (value) => (value === null ? t('doc.none') : f.share(value)))}`,
      `${t('doc.payback')}: ${rangeText(totals.paybackMonth, (value) => (value === null ? t('doc.none') : f.number(value)))}`,
    );
  }
  if (report.costBreakdown && currency) {
    lines.push(`${t('doc.cost')}: ${f.money(report.costBreakdown.total, currency)}`);
  }
  return { heading: t('doc.totals'), lines };
}

/** "estimate (p10–p90: a – b)", or the estimate alone when the range is not known. */
function rangeText(range: ValueRange, format: (value: number | null) => string): string {
  if (range.p10 === null && range.p90 === null) return format(range.estimate);
  return `${format(range.estimate)} (p10–p90: ${format(range.p10)} – ${format(range.p90)})`;
}

function goalsSection(
  data: SteeringData,
  valued: Map<string, BusinessCaseGoal>,
  t: Translate,
  f: Formats,
  leftOut: number,
): DocumentSection {
  if (data.goals.length === 0) return { heading: t('doc.goals'), lines: [t('doc.noGoals')] };
  return {
    heading: t('doc.goals'),
    lines: leftOut > 0 ? [t('doc.goalsLeftOut', { shown: data.goals.length, leftOut })] : [],
    table: {
      columns: [t('doc.goal'), t('doc.status'), t('doc.current'), t('doc.target.label'), t('doc.value')],
      rows: data.goals.map((goal) => [
        goal.name,
        t(`value.${goal.progress.status}`),
        goal.progress.current === null ? t('doc.none') : goalValue(goal, goal.progress.current, f),
        goalValue(goal, goal.target, f),
        valueText(goal, valued.get(goal.id), t, f),
      ]),
    },
  };
}

/** A goal's value: the business case's measured value (p10–p90) when it has one, else the goal's estimate. */
function valueText(goal: GoalView, measured: BusinessCaseGoal | undefined, t: Translate, f: Formats): string {
  const value = measured?.value;
  if (value?.measured) {
    const money = (amount: number | null) =>
      amount === null ? t('doc.none') : f.money(amount, value.currency);
    const range = value.measured.valuePerYear;
    return range.p10 === null && range.p90 === null
      ? money(range.estimate)
      : t('doc.valueRange', {
          estimate: money(range.estimate),
          p10: money(range.p10),
          p90: money(range.p90),
        });
  }
  if (measured?.problem) return measured.problem;
  if (!goal.annualValue) return t('doc.none');
  return t('doc.perYear', {
    amount: f.money(goal.annualValue.amount, goal.annualValue.currency),
    hours: f.hours(goal.annualValue.hoursPerYear),
  });
}

/** KPIs measured as fractions of people (shown as percentages), as on the overview page. */
const SHARE_KPIS = new Set<string>(['adoption_rate', 'weekly_active_rate', 'contributor_share']);

export function goalValue(goal: Pick<GoalView, 'kpi' | 'unit'>, value: number, f: Formats): string {
  if (SHARE_KPIS.has(goal.kpi)) return f.share(value);
  if (goal.kpi === 'median_hours_to_first_response') return `${f.hours(value)} h`;
  return goal.unit ? `${f.number(value)} ${goal.unit}` : f.number(value);
}

/** The rollout: the plan's phases in order, their dates and gate status (a planned phase's gate is a preview). */
function rolloutSection(plan: RolloutPlanView | undefined, t: Translate, f: Formats): DocumentSection {
  if (!plan) return { heading: t('doc.rollout'), lines: [t('doc.noPlan')] };
  const phases = [...plan.phases].sort((a, b) => a.position - b.position);
  return {
    heading: t('doc.rollout'),
    lines: [t('doc.plan', { name: plan.name, status: t(`planStatus.${plan.status}`) })],
    table: {
      columns: [t('doc.phase'), t('doc.status'), t('doc.dates'), t('doc.gate')],
      rows: phases.map((phase) => [
        phase.name,
        t(`phaseStatus.${phase.status}`),
        spanText(
          phase.plannedStart ?? phase.startedAt?.slice(0, 10) ?? null,
          phase.plannedEnd ?? phase.completedAt?.slice(0, 10) ?? null,
          t,
          f,
        ),
        t(`gate.${phase.latestEvaluation?.status ?? 'none'}`),
      ]),
    },
  };
}

function spanText(start: string | null, end: string | null, t: Translate, f: Formats): string {
  if (start && end) return `${f.day(start)} – ${f.day(end)}`;
  if (start) return t('doc.from', { day: f.day(start) });
  if (end) return t('doc.until', { day: f.day(end) });
  return t('doc.noDates');
}

function goalSection(
  goal: GoalView,
  measured: BusinessCaseGoal | undefined,
  t: Translate,
  f: Formats,
): DocumentSection {
  const { progress } = goal;
  const line = (label: string, value: string) => `${label}: ${value}`;
  const lines = [
    line(t('doc.kpi'), `${t(`value.${goal.kpi}`)}: ${goal.kpiDescription}`),
    line(t('doc.status'), t(`value.${progress.status}`)),
    line(t('doc.current'), progress.current === null ? t('doc.none') : goalValue(goal, progress.current, f)),
    line(t('doc.baseline'), goalValue(goal, goal.baseline, f)),
    line(t('doc.target.label'), goalValue(goal, goal.target, f)),
    line(t('doc.deadline'), goal.deadline ? f.day(goal.deadline) : t('doc.none')),
    line(t('doc.projected'), progress.projectedDate ? f.day(progress.projectedDate) : t('doc.none')),
    line(measured ? t('doc.value') : t('doc.annualValue'), valueText(goal, measured, t, f)),
  ];
  const effect = measured?.effect;
  if (effect?.estimable && effect.effect.estimate !== null) {
    const number = (value: number | null) => (value === null ? t('doc.none') : f.number(value));
    lines.push(
      line(
        t('doc.effect'),
        t('doc.effectRange', {
          estimate: number(effect.effect.estimate),
          low: number(effect.effect.low),
          high: number(effect.effect.high),
        }),
      ),
    );
  }
  if (measured?.phase) lines.push(line(t('doc.measuredBy'), measured.phase.name));
  return {
    heading: goal.name,
    lines,
    ...(progress.series.some((week) => week.value !== null)
      ? { chart: goalSeriesChartOption(goal, t, f) }
      : {}),
  };
}
