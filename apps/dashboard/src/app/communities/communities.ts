import type {
  CommunitiesReport,
  CommunityDetail,
  CommunityHealth,
  CommunityWeek,
  DepartmentFlow,
  PersonaShares,
} from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import {
  formatDay,
  formatNumber,
  formatShare,
  hiddenLabel,
  percentOrNull,
  withheldFigures,
  type FormatOptions,
} from '../shared/format';
import { COLOURS } from '../shared/theme';

/** The table's sortable columns: every figure of a community plus its name and kind. */
export type CommunityColumn =
  | 'name'
  | 'kind'
  | 'members'
  | 'activeMembers'
  | 'healthIndex'
  | 'replyCoverage'
  | 'medianHoursToFirstReply'
  | 'unansweredShare'
  | 'topPostersShare'
  | 'crossDepartmentShare'
  | 'memberGrowthPerWeek'
  | 'viral';

export type SortDirection = 'asc' | 'desc';

export interface CommunitySort {
  column: CommunityColumn;
  direction: SortDirection;
}

/** The API's own order (largest active membership first), which the table starts with. */
export const DEFAULT_SORT: CommunitySort = { column: 'activeMembers', direction: 'desc' };

/**
 * The direction a column sorts in when first clicked: the best communities first. Waiting times, unanswered
 * threads and concentration on a few posters are better when lower; names and kinds read A→Z.
 */
const FIRST_DIRECTION: Record<CommunityColumn, SortDirection> = {
  name: 'asc',
  kind: 'asc',
  members: 'desc',
  activeMembers: 'desc',
  healthIndex: 'desc',
  replyCoverage: 'desc',
  medianHoursToFirstReply: 'asc',
  unansweredShare: 'asc',
  topPostersShare: 'asc',
  crossDepartmentShare: 'desc',
  memberGrowthPerWeek: 'desc',
  viral: 'desc',
};

/**
 * The `sort` the API knows for a column (COMMUNITY_SORTS, repeated as a literal: importing the value would
 * bundle zod). Only these can change which communities make the capped list; other columns sort the loaded rows.
 */
const SERVER_SORTS: Partial<Record<CommunityColumn, string>> = {
  name: 'name',
  activeMembers: 'activeMembers',
  healthIndex: 'healthIndex',
  replyCoverage: 'replyCoverage',
  memberGrowthPerWeek: 'growth',
};

/** Clicking a header: the same column flips its direction, another one starts with its best-first direction. */
export function nextSort(current: CommunitySort, column: CommunityColumn): CommunitySort {
  if (current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { column, direction: FIRST_DIRECTION[column] };
}

/** The API's `sort` for a column, or undefined when the server cannot cut by it. */
export function serverSortFor(column: CommunityColumn): string | undefined {
  return SERVER_SORTS[column];
}

/** True when the API left communities out (its `limit`): a new sort then needs the server's cut. */
export function isCapped(report: CommunitiesReport): boolean {
  return report.total > report.communities.length;
}

function sortValue(row: CommunityHealth, column: CommunityColumn): number | string | null {
  switch (column) {
    case 'name':
      return row.name.toLocaleLowerCase('en');
    case 'kind':
      return row.kind;
    case 'viral':
      return row.viral.growing ? (row.viral.growth ?? 0) : null;
    default:
      return row[column];
  }
}

/**
 * The rows in the order asked for. Hidden and unknown figures (null) go last in either direction: they are not
 * zero and must not read as the worst or the best. Ties keep the API's order (Array.sort is stable).
 */
export function sortCommunities(rows: readonly CommunityHealth[], sort: CommunitySort): CommunityHealth[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'string' || typeof y === 'string') return sign * String(x).localeCompare(String(y));
    return sign * (x - y);
  });
}

/** Communities whose name contains the text (case-insensitive, surrounding blanks ignored). */
export function filterCommunities(rows: readonly CommunityHealth[], text: string): CommunityHealth[] {
  const wanted = text.trim().toLocaleLowerCase('en');
  return wanted ? rows.filter((row) => row.name.toLocaleLowerCase('en').includes(wanted)) : [...rows];
}

/**
 * How a figure that is null reads. A row with `suppressed` withholds figures below k: its nulls say
 * "hidden (< k people)". A row without it has nulls only for figures that do not exist (no membership list, no
 * reply yet): those read "–", so nobody mistakes a missing figure for a privacy rule.
 */
export function figuresOf(suppressed: { minGroupSize: number } | undefined): FormatOptions {
  return suppressed ? withheldFigures(suppressed.minGroupSize) : { trailingZeros: true };
}

/** The 4-week growth and its start, e.g. "+65% active people since 2 Mar 2026". */
export interface ViralHighlight {
  groupId: string;
  name: string;
  growth: string;
  metric: string;
  since: string | null;
}

/** What grew, as the highlight names it ("active people in 4 weeks"). */
function viralMetricName(metric: 'members' | 'activePeople' | null): string {
  if (metric === 'members') return $localize`:@@communities.viral.metric.members:members`;
  if (metric === 'activePeople') return $localize`:@@communities.viral.metric.activePeople:active people`;
  return $localize`:@@communities.viral.metric.growth:growth`;
}

/** A group's kind as the page's language names it; a kind this page does not know reads as the API sends it. */
export function groupKindName(kind: string): string {
  switch (kind) {
    case 'channel':
      return $localize`:@@communities.kind.channel:channel`;
    case 'community':
      return $localize`:@@communities.kind.community:community`;
    case 'team':
      return $localize`:@@communities.kind.team:team`;
    case 'group':
      return $localize`:@@communities.kind.group:group`;
    case 'cohort':
      return $localize`:@@communities.kind.cohort:cohort`;
    default:
      return kind;
  }
}

/** Communities growing bottom-up (viral.growing), fastest first; a withheld growth reads as hidden. */
export function viralHighlights(report: CommunitiesReport): ViralHighlight[] {
  return report.communities
    .filter((row) => row.viral.growing)
    .sort((a, b) => (b.viral.growth ?? -Infinity) - (a.viral.growth ?? -Infinity))
    .map((row) => ({
      groupId: row.groupId,
      name: row.name,
      // A headline figure: no trailing zeros ("+80%"), unlike the table's aligned columns.
      growth: signedShare(row.viral.growth, { minGroupSize: row.suppressed?.minGroupSize }),
      metric: viralMetricName(row.viral.metric ?? null),
      since: row.viral.since ? formatDay(row.viral.since) : null,
    }));
}

/** A growth as a signed percentage: 0.65 -> "+65.0%", -0.1 -> "−10.0%". */
export function signedShare(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return formatShare(null, options);
  const text = formatShare(Math.abs(value), options);
  if (value > 0) return `+${text}`;
  return value < 0 ? `\u2212${text}` : text;
}

/** Width and height of a table sparkline in SVG user units (the CSS scales the box). */
export const SPARKLINE = { width: 96, height: 24 } as const;

/**
 * An inline SVG path of the weekly active people: one ECharts canvas per row would cost far more for a 50-row
 * table. The y scale runs from 0 to the largest week. A hidden week (null) breaks the line, so a withheld figure
 * is a gap rather than a dip to 0. Empty ('') when no week has a figure.
 */
export function sparklinePath(weekly: readonly CommunityWeek[]): string {
  const values = weekly.map((week) => week.activePeople);
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return '';
  const max = Math.max(...known, 1);
  const step = values.length > 1 ? SPARKLINE.width / (values.length - 1) : 0;
  const x = (index: number) => round1(values.length > 1 ? index * step : SPARKLINE.width / 2);
  const y = (value: number) => round1(SPARKLINE.height - (value / max) * SPARKLINE.height);
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(index)} ${y(value)}`;
    drawing = true;
  });
  return path;
}

/** What a screen reader hears instead of the sparkline: first and last week with their figures. */
export function sparklineLabel(weekly: readonly CommunityWeek[], options: FormatOptions): string {
  if (weekly.length === 0) return $localize`:@@communities.sparkline.empty:No weeks in the range`;
  const first = weekly[0];
  const last = weekly[weekly.length - 1];
  const people = (value: number | null) =>
    value === null ? (options.minGroupSize ? hiddenLabel(options.minGroupSize) : '–') : formatNumber(value);
  return $localize`:@@communities.sparkline.label:Weekly active people from ${people(first.activePeople)}:first: (week of ${first.week}:firstWeek:) to ${people(last.activePeople)}:last: (week of ${last.week}:lastWeek:)`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Members and active people per week as lines, posts as bars on a second axis; hidden weeks are gaps. */
export function weeklyChartOption(weekly: readonly CommunityWeek[]): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 48, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) =>
        value === null || value === undefined ? hiddenWord() : formatNumber(value),
    },
    xAxis: { type: 'category', data: weekly.map((week) => week.week) },
    yAxis: [
      { type: 'value', name: $localize`:@@communities.chart.people:People`, minInterval: 1 },
      {
        type: 'value',
        name: $localize`:@@communities.chart.posts:Posts`,
        minInterval: 1,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: $localize`:@@communities.chart.members:Members`,
        type: 'line',
        itemStyle: { color: COLOURS.accent300 },
        data: weekly.map((week) => week.members),
      },
      {
        name: $localize`:@@communities.chart.activePeople:Active people`,
        type: 'line',
        itemStyle: { color: COLOURS.accent },
        data: weekly.map((week) => week.activePeople),
      },
      {
        name: $localize`:@@communities.chart.posts:Posts`,
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 18,
        itemStyle: { color: COLOURS.chartSky },
        data: weekly.map((week) => week.posts),
      },
    ],
  };
}

/** "≤1 h", "≤4 h", "≤24 h", "≤7 days", "later": the API's buckets, by their upper bound in hours. */
export function responseBucketLabel(upToHours: number | null): string {
  if (upToHours === null) return $localize`:@@communities.bucket.later:Later`;
  if (upToHours >= 48 && upToHours % 24 === 0)
    return $localize`:@@communities.bucket.days:≤ ${formatNumber(upToHours / 24)}:days: days`;
  return $localize`:@@communities.bucket.hours:≤ ${formatNumber(upToHours)}:hours: h`;
}

/** Threads per time-to-first-response bucket as bars; a hidden bucket is left out of the bars and named. */
export function responseHoursChartOption(buckets: CommunityDetail['responseHours']): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) =>
        value === null || value === undefined
          ? hiddenWord()
          : $localize`:@@communities.chart.threadsValue:${formatNumber(value)}:count: threads`,
    },
    xAxis: { type: 'category', data: buckets.map((bucket) => responseBucketLabel(bucket.upToHours)) },
    yAxis: { type: 'value', name: $localize`:@@communities.chart.threads:Threads`, minInterval: 1 },
    series: [
      {
        name: $localize`:@@communities.chart.threads:Threads`,
        type: 'bar',
        barMaxWidth: 36,
        itemStyle: { color: COLOURS.accent500 },
        data: buckets.map((bucket) => bucket.threads),
      },
    ],
  };
}

/** A chart's word for a withheld figure (its tooltip has no room for the reason). */
function hiddenWord(): string {
  return $localize`:@@communities.chart.hidden:hidden`;
}

/** Personas in BEHAVIOUR_PERSONAS order with what each means (the same words as the README). */
export function personas(): { key: keyof PersonaShares; label: string; meaning: string }[] {
  return [
    {
      key: 'catalyst',
      label: $localize`:@@communities.persona.catalyst:Catalysts`,
      meaning: $localize`:@@communities.persona.catalyst.meaning:start threads others answer`,
    },
    {
      key: 'engager',
      label: $localize`:@@communities.persona.engager:Engagers`,
      meaning: $localize`:@@communities.persona.engager.meaning:give and receive responses`,
    },
    {
      key: 'responder',
      label: $localize`:@@communities.persona.responder:Responders`,
      meaning: $localize`:@@communities.persona.responder.meaning:mostly reply`,
    },
    {
      key: 'broadcaster',
      label: $localize`:@@communities.persona.broadcaster:Broadcasters`,
      meaning: $localize`:@@communities.persona.broadcaster.meaning:post and get no response`,
    },
    {
      key: 'observer',
      label: $localize`:@@communities.persona.observer:Observers`,
      meaning: $localize`:@@communities.persona.observer.meaning:read or react only`,
    },
  ];
}

export interface PersonaEntry {
  key: keyof PersonaShares;
  label: string;
  meaning: string;
  share: number | null;
  /** Bar width in percent of the row (0 when hidden). */
  width: number;
}

export function personaEntries(shares: PersonaShares): PersonaEntry[] {
  return personas().map((persona) => {
    const share = shares[persona.key];
    return { ...persona, share, width: percentOrNull(share) ?? 0 };
  });
}

/** The department flow as a matrix: responders' departments as rows, authors' as columns. */
export interface FlowMatrix {
  rows: { key: string; name: string }[];
  columns: { key: string; name: string }[];
  /** cells[row][column]: the flow's responses, null when withheld, undefined when there is no such flow. */
  cells: (number | null | undefined)[][];
}

const unitKey = (id: string | null) => id ?? 'unknown';

/**
 * Shapes the flows into a from × to matrix (departments in the order they first appear, which is the API's
 * order), so a change manager reads across which departments answer whom. Cells that do not exist stay
 * undefined ("–"), withheld ones null ("hidden").
 */
export function flowMatrix(flows: readonly DepartmentFlow[]): FlowMatrix {
  const rows = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const flow of flows) {
    rows.set(unitKey(flow.fromOrgUnitId), flow.fromName);
    columns.set(unitKey(flow.toOrgUnitId), flow.toName);
  }
  const rowKeys = [...rows.keys()];
  const columnKeys = [...columns.keys()];
  const cells = rowKeys.map(() => columnKeys.map((): number | null | undefined => undefined));
  for (const flow of flows) {
    const row = rowKeys.indexOf(unitKey(flow.fromOrgUnitId));
    const column = columnKeys.indexOf(unitKey(flow.toOrgUnitId));
    cells[row][column] = flow.responses;
  }
  return {
    rows: rowKeys.map((key) => ({ key, name: rows.get(key) ?? key })),
    columns: columnKeys.map((key) => ({ key, name: columns.get(key) ?? key })),
    cells,
  };
}

/** Nothing to show in a community list: no community had members or activity in the range. */
export function isEmptyCommunities(report: CommunitiesReport): boolean {
  return report.total === 0 && report.communities.length === 0;
}
