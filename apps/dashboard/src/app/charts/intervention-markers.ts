import type { InterventionView } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { addDays, daysBetween, formatDay } from '../shared/format';
import { COLOURS } from '../shared/theme';
import { INTERVENTION_KIND_LABELS } from '../interventions/intervention-form';
import { escapeHtml } from './escape-html';

/** What a marker needs of an intervention (the view has more). */
export type MarkedIntervention = Pick<InterventionView, 'id' | 'day' | 'kind' | 'title'>;

/** One vertical marker: every intervention of one period of the axis, combined so labels do not pile up. */
export interface InterventionMarker {
  /** The x value the line stands at: the axis category, or the earliest day of the week on a time axis. */
  at: string;
  /** The interventions it stands for, oldest first. */
  interventions: MarkedIntervention[];
  /** Its label: the title, or "3 interventions" when combined. */
  label: string;
  /** Plain text of every intervention: "17 Nov 2026 · training · Working out loud for Sales; …". */
  description: string;
}

/** The series that carries the markers, so it can be found (and replaced) again. */
export const MARKER_SERIES_ID = 'intervention-markers';
export const MARKER_SERIES_NAME = $localize`:@@charts.markers.seriesName:Interventions`;

/** A category of a time axis as its first day: "2026-04-06" stays, "2026-04" (a month) reads "2026-04-01". */
function categoryDay(category: unknown): string | null {
  if (typeof category !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(category)) return category.slice(0, 10);
  return /^\d{4}-\d{2}$/.test(category) ? `${category}-01` : null;
}

/** Monday of the week of a day (ISO weeks, in UTC like every calendar day of the dashboard). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function firstAxis(option: EChartsCoreOption): Record<string, unknown> | undefined {
  const axis = (option as { xAxis?: unknown }).xAxis;
  const first = Array.isArray(axis) ? axis[0] : axis;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/**
 * Where each day falls on a category axis of period starts (days, weeks or months): the last category on or
 * before it. The last period ends one step (the gap between the last two categories; a month for months; a
 * week for a lone category) after its start, so a day after the data is left out rather than piled on it.
 */
function categoryBucket(categories: readonly unknown[]): ((day: string) => string | undefined) | undefined {
  const days = categories.map(categoryDay);
  if (days.length === 0 || days.some((day) => day === null)) return undefined;
  const starts = days as string[];
  const last = starts[starts.length - 1];
  const step = starts.length > 1 ? daysBetween(starts[starts.length - 2], last) : 7;
  const end = step >= 28 ? nextMonth(last) : addDays(last, step);
  return (day) => {
    if (day < starts[0] || day >= end) return undefined;
    let index = 0;
    for (let i = 0; i < starts.length && starts[i] <= day; i++) index = i;
    return String(categories[index]);
  };
}

function nextMonth(day: string): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

/** The x values of a time axis's series ([day, value] pairs), to know its range when min/max are not set. */
function timeRange(
  option: EChartsCoreOption,
  axis: Record<string, unknown>,
): { from: string; to: string } | undefined {
  const series = (option as { series?: unknown }).series;
  const xs: string[] = [];
  for (const entry of Array.isArray(series) ? series : [series]) {
    const data = (entry as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) continue;
    for (const point of data) {
      const x = Array.isArray(point) ? point[0] : (point as { value?: unknown[] } | null)?.value?.[0];
      if (typeof x === 'string' && categoryDay(x)) xs.push(x.slice(0, 10));
    }
  }
  const bound = (value: unknown) => (typeof value === 'string' ? categoryDay(value) : null);
  const sorted = xs.sort();
  const from = bound(axis['min']) ?? sorted[0];
  const to = [bound(axis['max']), sorted.at(-1)]
    .filter((day): day is string => Boolean(day))
    .sort()
    .at(-1);
  return from && to ? { from, to } : undefined;
}

/**
 * The markers an option's x axis can show: each intervention at the period (category) or, on a time axis,
 * the week it falls in; several in one period become one marker. Interventions outside the axis range are
 * left out (a marker at the edge would claim a date the chart does not cover). Not a time axis (personas,
 * buckets, "Week 0…"): none.
 */
export function interventionMarkers(
  option: EChartsCoreOption,
  interventions: readonly MarkedIntervention[],
): InterventionMarker[] {
  const axis = firstAxis(option);
  if (!axis || interventions.length === 0) return [];
  let bucketOf: ((day: string) => string | undefined) | undefined;
  let atOf: (key: string, days: string[]) => string = (key) => key;
  if (axis['type'] === 'category' && Array.isArray(axis['data'])) {
    bucketOf = categoryBucket(axis['data']);
  } else if (axis['type'] === 'time') {
    const range = timeRange(option, axis);
    if (range) {
      bucketOf = (day) => (day < range.from || day > range.to ? undefined : mondayOf(day));
      atOf = (_key, days) => days[0];
    }
  }
  if (!bucketOf) return [];
  const buckets = new Map<string, MarkedIntervention[]>();
  const sorted = [...interventions].sort(
    (a, b) => a.day.localeCompare(b.day) || a.title.localeCompare(b.title),
  );
  for (const intervention of sorted) {
    const key = bucketOf(intervention.day);
    if (key !== undefined) buckets.set(key, [...(buckets.get(key) ?? []), intervention]);
  }
  return [...buckets].map(([key, list]) => ({
    at: atOf(
      key,
      list.map((item) => item.day),
    ),
    interventions: list,
    label:
      list.length === 1
        ? list[0].title
        : $localize`:@@charts.markers.count:${list.length}:count: interventions`,
    description: list
      .map((item) => `${formatDay(item.day)} · ${INTERVENTION_KIND_LABELS[item.kind]} · ${item.title}`)
      .join('; '),
  }));
}

/**
 * The option with the interventions as vertical dashed lines: an extra, empty series that only carries the
 * markLine (so the chart's own series, stacks, reference lines and tooltips stay as they are, and the legend
 * can switch the markers off). Titles are user text: the label is a function (plain canvas text) and the
 * tooltip escapes them. Returns the option unchanged when no marker falls on the axis.
 */
export function withInterventionMarkers(
  option: EChartsCoreOption,
  interventions: readonly MarkedIntervention[],
): EChartsCoreOption {
  const markers = interventionMarkers(option, interventions);
  if (markers.length === 0) return option;
  const series = (option as { series?: unknown }).series;
  const existing = (Array.isArray(series) ? series : series ? [series] : []).filter(
    (entry) => (entry as { id?: string }).id !== MARKER_SERIES_ID,
  );
  return {
    ...option,
    series: [
      ...existing,
      {
        id: MARKER_SERIES_ID,
        name: MARKER_SERIES_NAME,
        type: 'line',
        data: [],
        itemStyle: { color: COLOURS.warn },
        lineStyle: { type: 'dashed', color: COLOURS.warn },
        markLine: {
          symbol: 'none',
          animation: false,
          lineStyle: { type: 'dashed', color: COLOURS.warn, width: 1.5 },
          tooltip: {
            formatter: (item: { dataIndex: number }) =>
              markers[item.dataIndex]?.interventions
                .map((entry) => `${escapeHtml(formatDay(entry.day))}: ${escapeHtml(entry.title)}`)
                .join('<br>') ?? '',
          },
          data: markers.map((marker) => ({
            name: marker.label,
            xAxis: marker.at,
            label: {
              formatter: () => marker.label,
              position: 'insideEndTop',
              color: COLOURS.warn,
              fontSize: 10,
            },
          })),
        },
      },
    ],
  };
}
