import type { BoundaryCrossing, NetworkReport } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '../charts/escape-html';
import { formatCount } from '../shared/format';
import { COLOURS } from '../shared/theme';

export interface CrossingCard {
  key: keyof NetworkReport['crossing'];
  label: string;
  /** What crossing this boundary means for the rollout. */
  meaning: string;
  figures: BoundaryCrossing;
}

const CROSSINGS: Omit<CrossingCard, 'figures'>[] = [
  {
    key: 'department',
    label: $localize`:@@adoption.network.measure.departments:Across departments`,
    meaning: $localize`:@@adoption.network.measure.departments.meaning:interactions between people of different org units`,
  },
  {
    key: 'hierarchyLevel',
    label: $localize`:@@adoption.network.measure.levels:Across hierarchy levels`,
    meaning: $localize`:@@adoption.network.measure.levels.meaning:vertical interactions between levels`,
  },
  {
    key: 'legacyCompany',
    label: $localize`:@@adoption.network.measure.companies:Across legacy companies`,
    meaning: $localize`:@@adoption.network.measure.companies.meaning:interactions bridging the merged companies`,
  },
];

export function crossingCards(report: NetworkReport): CrossingCard[] {
  return CROSSINGS.map((crossing) => ({ ...crossing, figures: report.crossing[crossing.key] }));
}

export function isEmptyNetwork(report: NetworkReport): boolean {
  return report.summary.interactions === 0 || report.units.length === 0;
}

/** Node diameter in pixels: area grows with the unit's active people; withheld units get the smallest. */
export function nodeSize(people: number | null, maxPeople: number): number {
  if (people === null || maxPeople <= 0) return 12;
  return Math.round((12 + 48 * Math.sqrt(people / maxPeople)) * 10) / 10;
}

/** Links in both directions between two units become one undirected link weighted by their sum. */
export function undirectedLinks(
  report: NetworkReport,
): { source: string; target: string; interactions: number }[] {
  const merged = new Map<string, { source: string; target: string; interactions: number }>();
  for (const link of report.links) {
    const [source, target] = [link.source, link.target].sort();
    const key = `${source}|${target}`;
    const existing = merged.get(key);
    if (existing) existing.interactions += link.interactions;
    else merged.set(key, { source, target, interactions: link.interactions });
  }
  return [...merged.values()];
}

/** Force-directed graph of org units: node size by people, link width by interactions between them. */
export function networkGraphOption(report: NetworkReport): EChartsCoreOption {
  const maxPeople = Math.max(0, ...report.units.map((unit) => unit.people ?? 0));
  const links = undirectedLinks(report);
  const maxInteractions = Math.max(1, ...links.map((link) => link.interactions));
  return {
    animation: false,
    tooltip: {
      formatter: (item: { dataType: string; data: { name?: string; value?: number | null; tip?: string } }) =>
        item.data.tip ?? '',
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        // room at the edges for the outer nodes' labels (under each node, so long names stay inside)
        zoom: 0.85,
        draggable: true,
        force: { repulsion: 700, edgeLength: [90, 220], gravity: 0.05, layoutAnimation: false },
        label: { show: true, position: 'bottom', fontSize: 11 },
        data: report.units.map((unit) => ({
          id: unit.orgUnitId,
          name: unit.name,
          value: unit.people,
          symbolSize: nodeSize(unit.people, maxPeople),
          itemStyle: { color: unit.people === null ? COLOURS.neutralMark : COLOURS.accent500 },
          // the tooltip is HTML: the unit's name is text from the directory
          tip: `${escapeHtml(unit.name)}: ${unit.people === null ? HIDDEN : peopleCount(unit.people)}`,
        })),
        links: links.map((link) => ({
          source: link.source,
          target: link.target,
          value: link.interactions,
          lineStyle: {
            width: Math.round((0.5 + 7.5 * (link.interactions / maxInteractions)) * 10) / 10,
            opacity: 0.45,
            color: COLOURS.chartSlate,
          },
          tip: `${link.interactions} interactions`,
        })),
      },
    ],
  };
}

/** Org unit names by id, for naming the unit of a broker or champion. */
export function unitNames(report: NetworkReport | undefined): Map<string, string> {
  return new Map((report?.units ?? []).map((unit) => [unit.orgUnitId, unit.name]));
}

/** A withheld figure in a tooltip or label. */
export const HIDDEN = $localize`:@@adoption.hidden:hidden`;

/** "12 people". */
export function peopleCount(people: number): string {
  return $localize`:@@adoption.peopleCount:${formatCount(people)}:people: people`;
}
