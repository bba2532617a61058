import type { BusinessCaseReport, ComparisonReport, GateEvaluation, GoalView } from '@uptake/contracts';
import { gateSentence } from './server-sentences';
import { col, figuresTable, type CellKind, type ReportTables } from './table';

/** The programme's tables: goals, the business case, a rollout phase's comparison and gate evaluations. */

/** The goals list is an array: the export wraps it so every report is an object. */
export interface GoalsExport {
  goals: GoalView[];
}

const range = (path: string, kind: CellKind): [string, CellKind][] =>
  ['estimate', 'p10', 'p90'].map((part) => [`${path}.${part}`, kind]);

export const goals: ReportTables<GoalsExport> = [
  {
    name: 'goals',
    rows: (report) => report.goals,
    columns: [
      col('name', 'text'),
      col('kpi', 'enum'),
      col('unit', 'text'),
      col('baseline', 'number'),
      col('target', 'number'),
      col('deadline', 'day'),
      col('progress.current', 'number'),
      col('progress.currentWeek', 'day'),
      col('progress.progress', 'share'),
      col('progress.trendPerWeek', 'number'),
      col('progress.projectedDate', 'day'),
      col('progress.status', 'enum'),
      col('annualValue.amount', 'money'),
      col('annualValue.currency', 'text'),
      col('annualValue.hoursPerYear', 'number'),
    ],
  },
  {
    name: 'series',
    rows: (report) =>
      report.goals.flatMap((goal) => goal.progress.series.map((week) => ({ goal: goal.name, ...week }))),
    columns: [col('goal', 'text'), col('week', 'day'), col('value', 'number')],
  },
];

export const businessCase: ReportTables<BusinessCaseReport> = [
  {
    name: 'goals',
    rows: (report) => report.goals,
    columns: [
      col('name', 'text'),
      col('kpi', 'enum'),
      col('phase.name', 'text'),
      col('phase.startedOn', 'day'),
      col('effect.treated.people', 'count'),
      col('effect.comparison.people', 'count'),
      col('effect.effect.estimate', 'number'),
      col('effect.effect.low', 'number'),
      col('effect.effect.high', 'number'),
      col('effect.effect.p10', 'number'),
      col('effect.effect.p90', 'number'),
      col('effect.relativeEffect', 'share'),
      col('value.currency', 'text'),
      ...(['valuePerYear', 'valueToDate', 'roi', 'paybackMonth'] as const).flatMap((figure) =>
        range(
          `value.measured.${figure}`,
          figure === 'roi' ? 'share' : figure === 'paybackMonth' ? 'number' : 'money',
        ).map(([path, kind]) => col(path, kind)),
      ),
      col('problem', 'text'),
    ],
  },
  figuresTable('totals', [
    ['currency', 'text'],
    ['monthsElapsed', 'number'],
    ...range('totals.valuePerYear', 'money'),
    ...range('totals.valueToDate', 'money'),
    ...range('totals.roi', 'share'),
    ...range('totals.paybackMonth', 'number'),
    ['totals.assumedValuePerYear', 'money'],
    ['costBreakdown.licences', 'money'],
    ['costBreakdown.oneOff', 'money'],
    ['costBreakdown.peopleTime', 'money'],
    ['costBreakdown.total', 'money'],
  ]),
  {
    name: 'interventions',
    rows: (report) => report.interventions,
    columns: [col('day', 'day'), col('kind', 'enum'), col('title', 'text'), col('note', 'text')],
  },
];

export const phaseComparison: ReportTables<ComparisonReport> = [
  {
    name: 'metrics',
    rows: (report) => report.metrics,
    columns: [
      col('label', 'text'),
      col('phase', 'number'),
      col('comparison', 'number'),
      col('difference', 'number'),
      col('low', 'number'),
      col('high', 'number'),
      col('significant', 'boolean'),
    ],
  },
  {
    name: 'metric-weeks',
    rows: (report) =>
      report.metrics.flatMap((metric) =>
        metric.weeks.map((week) => ({ label: metric.label, suppressed: metric.suppressed, ...week })),
      ),
    columns: [col('label', 'text'), col('week', 'day'), col('phase', 'number'), col('comparison', 'number')],
  },
  figuresTable('summary', [
    ['from', 'day'],
    ['to', 'day'],
    ['phasePopulation', 'count'],
    ['comparisonPopulation', 'count'],
    ['comparisonLabel', 'text'],
  ]),
];

/** A phase's gate evaluations, newest first: wrapped like the goals list. */
export interface EvaluationsExport {
  evaluations: GateEvaluation[];
}

export const evaluations: ReportTables<EvaluationsExport> = [
  {
    name: 'evaluations',
    rows: (report) => report.evaluations,
    columns: [
      col('evaluatedAt', 'text'),
      col('asOf', 'day'),
      col('trigger', 'enum'),
      col('status', 'enum'),
      col('population', 'count'),
    ],
  },
  {
    name: 'criteria',
    rows: (report) =>
      report.evaluations.flatMap((evaluation) =>
        evaluation.criteria.map((criterion) => ({ evaluatedAt: evaluation.evaluatedAt, ...criterion })),
      ),
    columns: [
      col('evaluatedAt', 'text'),
      col('metric', 'enum'),
      col('operator', 'text'),
      col('threshold', 'number'),
      col('consecutiveWeeks', 'count'),
      col('status', 'enum'),
      col('value', 'number'),
      col('weeksMet', 'count'),
      col('forecastDate', 'day'),
      col('explanation', 'text', { say: gateSentence }),
    ],
  },
];
