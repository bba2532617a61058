import type { AdopterCategoryFigures, DiffusionReport } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { addDays, daysBetween, formatCount, formatDay, formatShare, percentOrNull } from '../shared/format';
import { COLOURS } from '../shared/theme';

export interface BassParameters {
  /** Coefficient of innovation, per week. */
  p: number;
  /** Coefficient of imitation, per week. */
  q: number;
  /** Market potential: adopters at saturation. */
  m: number;
}

/** Bass model: cumulative adopters t weeks after the launch, N(t) = m (1 − e^{−(p+q)t}) / (1 + (q/p) e^{−(p+q)t}). */
export function bassCumulative(t: number, { p, q, m }: BassParameters): number {
  const decay = Math.exp(-(p + q) * t);
  return (m * (1 - decay)) / (1 + (q / p) * decay);
}

/**
 * Day at which t weeks have passed since the launch Monday (the week of the first adoption), as the API
 * counts it: week t ends on the Sunday launch + 7t − 1, and the curve's i-th point is the count at t = i + 1.
 */
export function dayAtWeek(launch: string, t: number): string {
  return addDays(launch, 7 * t - 1);
}

export const ADOPTER_CATEGORY_LABELS: Record<AdopterCategoryFigures['category'], string> = {
  innovators: $localize`:@@adoption.category.innovators:Innovators`,
  earlyAdopters: $localize`:@@adoption.category.earlyAdopters:Early adopters`,
  earlyMajority: $localize`:@@adoption.category.earlyMajority:Early majority`,
  lateMajority: $localize`:@@adoption.category.lateMajority:Late majority`,
  laggards: $localize`:@@adoption.category.laggards:Laggards`,
};

/** Actual share of adopters per Rogers category next to Rogers' ideal share; withheld shares are gaps. */
export function adopterCategoriesOption(report: DiffusionReport): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) => (value === null ? 'hidden' : `${value}%`),
    },
    xAxis: {
      type: 'category',
      data: report.categories.map((c) => ADOPTER_CATEGORY_LABELS[c.category]),
      // every category named (two lines if need be), not every other one
      axisLabel: { interval: 0, width: 72, overflow: 'break' },
    },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: $localize`:@@adoption.diffusion.chart.actualShare:Actual share`,
        type: 'bar',
        barMaxWidth: 32,
        itemStyle: { color: COLOURS.accent },
        data: report.categories.map((c) => percentOrNull(c.share)),
      },
      {
        name: "Rogers' ideal share",
        type: 'bar',
        barMaxWidth: 32,
        itemStyle: { color: COLOURS.neutralMark },
        data: report.categories.map((c) => percentOrNull(c.idealShare)),
      },
    ],
  };
}

/** How many weeks of the fitted curve to draw: past the forecast interval, or a quarter past the data. */
export function fittedWeeks(report: DiffusionReport): number {
  const observed = report.curve.length;
  const launch = report.curve[0]?.week;
  const horizonDay = report.forecast?.p90 ?? report.forecast?.date;
  if (!launch || !horizonDay) return observed + 13;
  const weeks = Math.ceil((daysBetween(launch, horizonDay) + 1) / 7) + 4;
  return Math.min(Math.max(observed, weeks), observed + 104);
}

/** Adopters counted so far, plotted at the end of each week: [day, cumulative adopters]. */
export function observedAdopters(report: DiffusionReport): [string, number | null][] {
  // Weeks with 1..k-1 adopters so far are withheld (null): the chart leaves a gap.
  return report.curve.map((point) => [addDays(point.week, 6), point.adopters]);
}

/** The Bass fit from the launch to `fittedWeeks`, one point per week: [day, adopters]. */
export function fittedAdopters(report: DiffusionReport): [string, number][] {
  const launch = report.curve[0]?.week;
  if (!report.bass || !launch) return [];
  const bass = report.bass;
  return Array.from({ length: fittedWeeks(report) + 1 }, (_, t): [string, number] => [
    dayAtWeek(launch, t),
    Math.round(bassCumulative(t, bass) * 10) / 10,
  ]);
}

/** Cumulative adopters, the Bass curve beyond them, the target line and the forecast's p10–p90 band. */
export function diffusionCurveOption(report: DiffusionReport): EChartsCoreOption {
  const forecast = report.forecast;
  const markLines: object[] = [];
  if (forecast) {
    markLines.push({
      name: $localize`:@@adoption.diffusion.chart.target:Target ${formatShare(forecast.targetShare, { digits: 0 })}:share:`,
      yAxis: forecast.targetAdopters,
      label: { formatter: '{b}', position: 'insideStartTop' },
    });
    if (forecast.date) {
      markLines.push({
        name: $localize`:@@adoption.diffusion.chart.forecast:Forecast ${formatDay(forecast.date)}:day:`,
        xAxis: forecast.date,
        label: { formatter: '{b}' },
      });
    }
  }
  const band =
    forecast?.p10 && forecast.p90
      ? {
          silent: true,
          itemStyle: { color: COLOURS.chartBand },
          data: [[{ name: 'p10–p90', xAxis: forecast.p10 }, { xAxis: forecast.p90 }]],
        }
      : undefined;
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    // The top is everyone eligible; its own label would print over the nearest round one (1,950 over 1,800).
    yAxis: {
      type: 'value',
      name: 'adopters',
      max: report.eligible ?? undefined,
      axisLabel: { showMaxLabel: report.eligible === null },
    },
    series: [
      {
        name: $localize`:@@adoption.diffusion.chart.adopters:Adopters`,
        type: 'line',
        showSymbol: true,
        symbolSize: 5,
        itemStyle: { color: COLOURS.accent },
        data: observedAdopters(report),
      },
      {
        name: $localize`:@@adoption.diffusion.chart.bassFit:Bass fit`,
        type: 'line',
        showSymbol: false,
        smooth: true,
        lineStyle: { type: 'dashed', width: 2 },
        itemStyle: { color: COLOURS.chartAmber },
        data: fittedAdopters(report),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: COLOURS.ink, type: 'dotted' },
          data: markLines,
        },
        ...(band ? { markArea: band } : {}),
      },
    ],
  };
}

/** One sentence on when the target is reached, or why it cannot be said. */
export function forecastSentence(report: DiffusionReport): string {
  const forecast = report.forecast;
  if (!forecast)
    return report.reason
      ? $localize`:@@adoption.forecast.noneBecause:No forecast: ${report.reason}:reason:.`
      : $localize`:@@adoption.forecast.none:No forecast.`;
  const target = $localize`:@@adoption.forecast.target:${formatShare(forecast.targetShare, { digits: 0 })}:share: of eligible people (${formatCount(forecast.targetAdopters)}:people:)`;
  if (forecast.date) {
    const interval =
      forecast.p10 && forecast.p90
        ? $localize`:@@adoption.forecast.interval: (80% interval ${formatDay(forecast.p10)}:from: – ${formatDay(forecast.p90)}:to:)`
        : '';
    return $localize`:@@adoption.forecast.reached:${target}:target: reached around ${formatDay(forecast.date)}:day:${interval}:interval:.`;
  }
  if (forecast.reason === 'target-not-below-market-potential' && report.bass) {
    const potential = formatCount(report.bass.m);
    return $localize`:@@adoption.forecast.belowPotential:Not reached at the current pace: the fitted market potential (${potential}:potential: people) stays below ${target}:target:.`;
  }
  if (forecast.reason === 'not-reached-within-horizon')
    return $localize`:@@adoption.forecast.beyondHorizon:${target}:target: is not reached within the forecast horizon.`;
  return forecast.reason
    ? $localize`:@@adoption.forecast.noneForBecause:No forecast for ${target}:target:: ${forecast.reason}:reason:.`
    : $localize`:@@adoption.forecast.noneFor:No forecast for ${target}:target:.`;
}

/** Plain-language quality of the Bass fit from its R². */
export function fitQuality(rSquared: number): 'good' | 'fair' | 'poor' {
  if (rSquared >= 0.95) return 'good';
  return rSquared >= 0.8 ? 'fair' : 'poor';
}
