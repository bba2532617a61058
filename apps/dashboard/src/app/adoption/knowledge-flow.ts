import type { KnowledgeFlowReport, LeadershipLevel } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '../charts/escape-html';
import { formatCount, percentOrNull } from '../shared/format';
import { COLOURS } from '../shared/theme';

export const UNKNOWN_UNIT = $localize`:@@adoption.knowledgeFlow.unknownUnit:Unknown unit`;

export interface FlowMatrix {
  /** Unit names, the same list on both axes: responders across, askers down. */
  units: string[];
  /** Per unit (same order): answers at least twice as many of others' threads as it starts. */
  hiddenExpertise: boolean[];
  /** [responder index, asker index, threads]. */
  cells: [number, number, number][];
  maxThreads: number;
}

/** Unit key of a cell or a unit; null (people without a unit) is a unit of its own. */
const unitKey = (orgUnitId: string | null) => orgUnitId ?? '';

/**
 * Shapes the first responses as a square unit × unit matrix. The axes list the report's units in its order;
 * a cell naming a unit the list lacks (one withheld from `units`) adds it as "Unknown unit" so no answered
 * thread is dropped.
 */
export function flowMatrix(report: KnowledgeFlowReport): FlowMatrix {
  const index = new Map<string, number>();
  const units: string[] = [];
  const hiddenExpertise: boolean[] = [];
  const add = (orgUnitId: string | null, name: string, expert: boolean) => {
    const key = unitKey(orgUnitId);
    if (index.has(key)) return index.get(key) as number;
    index.set(key, units.length);
    units.push(name);
    hiddenExpertise.push(expert);
    return units.length - 1;
  };
  for (const unit of report.units) add(unit.orgUnitId, unit.name, unit.hiddenExpertise === true);
  const cells = report.cells.map((cell): [number, number, number] => [
    add(cell.responderOrgUnitId, UNKNOWN_UNIT, false),
    add(cell.askerOrgUnitId, UNKNOWN_UNIT, false),
    cell.threads,
  ]);
  return {
    units,
    hiddenExpertise,
    cells,
    maxThreads: Math.max(0, ...cells.map((cell) => cell[2])),
  };
}

/** Nothing flowed: no thread of the range was first answered by someone else (withheld is not "none"). */
export function isEmptyKnowledgeFlow(report: KnowledgeFlowReport): boolean {
  return report.answeredThreads === 0 && report.cells.length === 0;
}

/** Names of the units that answer far more than they ask. */
export function hiddenExpertiseUnits(report: KnowledgeFlowReport): string[] {
  return report.units.filter((unit) => unit.hiddenExpertise === true).map((unit) => unit.name);
}

/** Axis label of a unit: hidden-expertise units stand out in bold with a star. */
export function unitAxisLabel(name: string, expert: boolean): string {
  // rich-text markup: braces and pipes in a directory name would be read as markup
  const text = name.replace(/[{}|]/g, ' ');
  return expert ? `{expert|★ ${text}}` : text;
}

/** Who answers whom: responders' units across, askers' units down, colour by threads first answered. */
export function knowledgeFlowHeatmapOption(report: KnowledgeFlowReport): EChartsCoreOption {
  const matrix = flowMatrix(report);
  const axisLabel = (rotate: number) => ({
    interval: 0,
    rotate,
    width: 120,
    overflow: 'truncate',
    formatter: (name: string, index: number) => unitAxisLabel(name, matrix.hiddenExpertise[index]),
    rich: { expert: { fontWeight: 'bold', color: COLOURS.accent } },
  });
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 24, bottom: 64, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (item: { value: [number, number, number] }) => {
        const [responder, asker, threads] = item.value;
        const who =
          responder === asker
            ? $localize`:@@adoption.knowledgeFlow.tip.within:Within ${escapeHtml(matrix.units[asker])}:unit:`
            : $localize`:@@adoption.knowledgeFlow.tip.answered:${escapeHtml(matrix.units[responder])}:responder: answered ${escapeHtml(matrix.units[asker])}:asker:`;
        return threads === 1
          ? $localize`:@@adoption.knowledgeFlow.tip.thread:${who}:who:: 1 thread`
          : $localize`:@@adoption.knowledgeFlow.tip.threads:${who}:who:: ${formatCount(threads)}:threads: threads`;
      },
    },
    xAxis: {
      type: 'category',
      data: matrix.units,
      splitArea: { show: true },
      axisLabel: axisLabel(matrix.units.length > 6 ? 40 : 0),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: matrix.units,
      splitArea: { show: true },
      axisLabel: axisLabel(0),
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: Math.max(1, matrix.maxThreads),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: [`${matrix.maxThreads} threads`, '0'],
      inRange: { color: [COLOURS.accent50, COLOURS.accent400, COLOURS.accent900] },
    },
    series: [
      {
        name: $localize`:@@adoption.knowledgeFlow.chart.firstResponses:First responses`,
        type: 'heatmap',
        data: matrix.cells,
        label: { show: true, fontSize: 10 },
      },
    ],
  };
}

/** Enough height for every unit row of the matrix. */
export function heatmapHeight(report: KnowledgeFlowReport): string {
  return `${Math.max(20, 9 + 1.8 * flowMatrix(report).units.length)}rem`;
}

/** Share of answered threads crossing departments and legacy companies, month by month (gaps: withheld). */
export function crossingByMonthOption(report: KnowledgeFlowReport): EChartsCoreOption {
  const lines = [
    {
      name: $localize`:@@adoption.knowledgeFlow.chart.acrossDepartments:Across departments`,
      key: 'crossDepartmentShare',
      colour: COLOURS.accent,
    },
    {
      name: $localize`:@@adoption.knowledgeFlow.chart.acrossCompanies:Across legacy companies`,
      key: 'crossCompanyShare',
      colour: COLOURS.chartTeal,
    },
  ] as const;
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) => (value === null ? 'hidden' : `${value}%`),
    },
    xAxis: { type: 'category', data: report.byMonth.map((month) => month.month.slice(0, 7)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: lines.map((line) => ({
      name: line.name,
      type: 'line',
      connectNulls: false,
      symbolSize: 6,
      itemStyle: { color: line.colour },
      data: report.byMonth.map((month) => percentOrNull(month[line.key])),
    })),
  };
}

/** "Level 1 (top)", "Level 3", or "Unknown level" for people without one. */
export function levelLabel(level: LeadershipLevel['level']): string {
  if (level === null) return $localize`:@@adoption.knowledgeFlow.unknownLevel:Unknown level`;
  return level === 1
    ? $localize`:@@adoption.knowledgeFlow.topLevel:Level 1 (top)`
    : $localize`:@@adoption.knowledgeFlow.level.n:Level ${level}:level:`;
}
