import type { BehaviourPersona, PersonaShares, PersonasReport } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '../charts/escape-html';
import { formatCount, formatShare, hiddenLabel, percentOrNull } from '../shared/format';
import { COLOURS } from '../shared/theme';

export interface PersonaDefinition {
  persona: BehaviourPersona;
  label: string;
  /** What the person does, in the API's terms (first matching rule wins, in this order). */
  definition: string;
  colour: string;
}

/**
 * The behaviour personas in the contract's order (BEHAVIOUR_PERSONAS, written out: importing the value would
 * bundle zod into the page), with the rule that assigns each.
 */
export const PERSONA_DEFINITIONS: readonly PersonaDefinition[] = [
  {
    persona: 'catalyst',
    label: $localize`:@@adoption.persona.catalysts:Catalysts`,
    definition: $localize`:@@adoption.persona.catalysts.definition:start threads, and at least half of them are answered by someone else`,
    colour: COLOURS.accent,
  },
  {
    persona: 'engager',
    label: $localize`:@@adoption.persona.engagers:Engagers`,
    definition: $localize`:@@adoption.persona.engagers.definition:reply to others and get responses or reactions back`,
    colour: COLOURS.chartSky,
  },
  {
    persona: 'responder',
    label: $localize`:@@adoption.persona.responders:Responders`,
    definition: $localize`:@@adoption.persona.responders.definition:reply to others but receive nothing back`,
    colour: COLOURS.chartTeal,
  },
  {
    persona: 'broadcaster',
    label: $localize`:@@adoption.persona.broadcasters:Broadcasters`,
    definition: $localize`:@@adoption.persona.broadcasters.definition:start threads that mostly stay unanswered, and post more than they reply`,
    colour: COLOURS.chartAmber,
  },
  {
    persona: 'observer',
    label: $localize`:@@adoption.persona.observers:Observers`,
    definition: $localize`:@@adoption.persona.observers.definition:are active but only read or react`,
    colour: COLOURS.accent200,
  },
];

export const ALL_PEOPLE_LABEL = $localize`:@@adoption.persona.allPeople:All people`;

export interface PersonaRow {
  /** Row label: "All people" or the unit's name (text from the directory). */
  name: string;
  activePeople: number | null;
  shares: PersonaShares;
  /** Every share of the row is withheld: the unit rests on fewer than k people. */
  hidden: boolean;
}

/** The whole population first, then each unit: the rows of the 100% bars. */
export function personaRows(report: PersonasReport): PersonaRow[] {
  const row = (name: string, activePeople: number | null, shares: PersonaShares): PersonaRow => ({
    name,
    activePeople,
    shares,
    hidden: PERSONA_DEFINITIONS.every((p) => shares[p.persona] === null),
  });
  return [
    row(ALL_PEOPLE_LABEL, report.activePeople, report.personas),
    ...report.byUnit.map((unit) => row(unit.name, unit.activePeople, unit.personas)),
  ];
}

/** Nobody active in the range (withheld, null, is not "nobody"). */
export function isEmptyPersonas(report: PersonasReport): boolean {
  return report.activePeople === 0;
}

/** Personas whose overall share is withheld, by label (for the note under the chart). */
export function hiddenPersonaLabels(shares: PersonaShares): string[] {
  return PERSONA_DEFINITIONS.filter((p) => shares[p.persona] === null).map((p) => p.label);
}

/** Tooltip of one row: its people and every persona's share, withheld ones saying why. */
export function personaRowTooltip(row: PersonaRow, minGroupSize: number): string {
  const figures = { minGroupSize, trailingZeros: true };
  const people =
    row.activePeople === null
      ? hiddenLabel(minGroupSize)
      : $localize`:@@adoption.persona.activePeople:${formatCount(row.activePeople)}:people: active people`;
  return [
    // unit names come from the directory: the tooltip is HTML
    `<b>${escapeHtml(row.name)}</b> (${people})`,
    ...PERSONA_DEFINITIONS.map((p) => `${p.label}: ${formatShare(row.shares[p.persona], figures)}`),
  ].join('<br>');
}

/**
 * 100% stacked horizontal bars, one row for everyone and one per unit, a segment per persona. Withheld
 * shares are gaps (the row's bar stays short of 100%), withheld units an empty row named "(hidden)".
 */
export function personasChartOption(report: PersonasReport): EChartsCoreOption {
  const k = report.scope.minGroupSize;
  const rows = personaRows(report);
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 24, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number }[]) =>
        items.length === 0 ? '' : personaRowTooltip(rows[items[0].dataIndex], k),
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => (row.hidden ? `${row.name} (hidden)` : row.name)),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: PERSONA_DEFINITIONS.map((p) => ({
      name: p.label,
      type: 'bar',
      stack: 'people',
      barMaxWidth: 22,
      itemStyle: { color: p.colour },
      data: rows.map((row) => percentOrNull(row.shares[p.persona])),
    })),
  };
}

/** Enough height for every row of the bars to stay readable (18rem: the chart's own minimum). */
export function personasChartHeight(report: PersonasReport): string {
  return `${Math.max(18, 5 + 2 * (report.byUnit.length + 1))}rem`;
}
