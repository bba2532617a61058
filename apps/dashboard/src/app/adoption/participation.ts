import type { ParticipationPoint, ParticipationReport, Persona } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { COLOURS } from '../shared/theme';

export const PARTICIPATION_COLOURS = {
  creators: COLOURS.accent,
  contributors: COLOURS.chartSky,
  readers: COLOURS.accent300,
  inactive: COLOURS.border,
} as const;

const LAYERS = [
  { key: 'creators', label: $localize`:@@adoption.participation.group.creators:Creators` },
  { key: 'contributors', label: $localize`:@@adoption.participation.group.contributors:Contributors` },
  { key: 'readers', label: $localize`:@@adoption.participation.group.readers:Readers` },
  { key: 'inactive', label: $localize`:@@adoption.participation.group.inactive:Inactive` },
] as const;

export const PERSONA_LABELS: Record<Persona, string> = {
  creator: $localize`:@@adoption.participation.persona.creators:Creators`,
  responder: $localize`:@@adoption.participation.persona.responders:Responders`,
  reactor: $localize`:@@adoption.participation.persona.reactors:Reactors`,
  observer: $localize`:@@adoption.participation.persona.observers:Observers`,
};

/** Share of eligible people in percent (one decimal); null when either figure is withheld. */
function percentOfEligible(count: number | null, point: ParticipationPoint): number | null {
  if (count === null || point.eligible === null || point.eligible === 0) return null;
  return Math.round((count / point.eligible) * 1000) / 10;
}

/** Nothing to show: no period had anyone active (withheld periods are not "nobody"). */
export function isEmptyParticipation(report: ParticipationReport): boolean {
  return report.points.every(
    (point) => point.creators === 0 && point.contributors === 0 && point.readers === 0,
  );
}

export interface ParticipationMix {
  start: string;
  /** Shares of eligible people (0..1), null when withheld. */
  creators: number | null;
  contributors: number | null;
  /** Readers and inactive people together: the "90" of 90-9-1. */
  rest: number | null;
}

/** The latest period with known figures, as shares to set against the 90-9-1 reference. */
export function latestParticipationMix(report: ParticipationReport): ParticipationMix | null {
  const point = [...report.points]
    .reverse()
    .find((p) => p.eligible && p.creators !== null && p.contributors !== null);
  const eligible = point?.eligible;
  if (!point || !eligible) return null;
  const share = (count: number | null) => (count === null ? null : count / eligible);
  const rest =
    point.readers === null || point.inactive === null ? null : share(point.readers + point.inactive);
  return {
    start: point.start,
    creators: share(point.creators),
    contributors: share(point.contributors),
    rest,
  };
}

/**
 * Stacked bars of each period's eligible people split into creators, contributors, readers and inactive
 * (percent of eligible), with the 90-9-1 reference as dashed lines at 1% and 1% + 9%.
 */
export function participationChartOption(report: ParticipationReport): EChartsCoreOption {
  const { creators, contributors } = report.reference;
  const referenceLines = {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'dashed', color: COLOURS.ink },
    label: { formatter: '{b}', color: COLOURS.ink, fontSize: 10 },
    data: [
      // Labels at opposite ends: the two lines are close together on a 0-100% axis.
      {
        name: $localize`:@@adoption.participation.rule.creators:90-9-1: ${creators * 100}:percent:% creators`,
        yAxis: creators * 100,
        label: { position: 'insideStartTop' },
      },
      {
        name: $localize`:@@adoption.participation.rule.contributors:90-9-1: ${(creators + contributors) * 100}:percent:% creators + contributors`,
        yAxis: (creators + contributors) * 100,
        label: { position: 'insideEndTop' },
      },
    ],
  };
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) => (value === null ? 'hidden' : `${value}%`),
    },
    xAxis: { type: 'category', data: report.points.map((point) => point.start) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: LAYERS.map((layer, index) => ({
      name: layer.label,
      type: 'bar',
      stack: 'eligible',
      barMaxWidth: 28,
      itemStyle: { color: PARTICIPATION_COLOURS[layer.key] },
      data: report.points.map((point) => percentOfEligible(point[layer.key], point)),
      ...(index === 0 ? { markLine: referenceLines } : {}),
    })),
  };
}

/** Personas over the whole range as a donut; withheld personas are left out (and listed by `hiddenPersonas`). */
export function personasChartOption(report: ParticipationReport): EChartsCoreOption {
  const colours: Record<Persona, string> = {
    creator: PARTICIPATION_COLOURS.creators,
    responder: PARTICIPATION_COLOURS.contributors,
    reactor: COLOURS.chartGreen,
    observer: PARTICIPATION_COLOURS.readers,
  };
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c} people ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        name: $localize`:@@adoption.participation.chart.personas:Personas`,
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        // Small slices would overlap their labels: the legend and tooltip name them.
        label: { show: false },
        data: personaEntries(report)
          .filter((entry) => entry.count !== null)
          .map((entry) => ({
            name: PERSONA_LABELS[entry.persona],
            value: entry.count,
            itemStyle: { color: colours[entry.persona] },
          })),
      },
    ],
  };
}

export function hiddenPersonas(report: ParticipationReport): string[] {
  return personaEntries(report)
    .filter((entry) => entry.count === null)
    .map((entry) => PERSONA_LABELS[entry.persona]);
}

function personaEntries(report: ParticipationReport): { persona: Persona; count: number | null }[] {
  return (Object.keys(PERSONA_LABELS) as Persona[]).map((persona) => ({
    persona,
    count: report.personas[persona],
  }));
}
