import type { AdoptionPoint, AdoptionReport } from '@uptake/contracts';
import { formatCount, formatCountChange, formatPointsChange, formatShare } from '../shared/format';

/** Weeks back the headline compares the latest week with (about a month: long enough to beat weekly noise). */
export const COMPARISON_WEEKS = 4;

type FigureKey = 'eligible' | 'activated' | 'adoptionRate' | 'weeklyActive' | 'stickiness';

/** One headline card: the latest week's value and its change since `COMPARISON_WEEKS` weeks earlier. */
export interface HeadlineFigure {
  key: FigureKey;
  label: string;
  /** The exact figure (for tests and tooltips); null when hidden or not measurable. */
  raw: number | null;
  /** Formatted value, null when hidden or not measurable. */
  value: string | null;
  /** k when the figure is withheld because it rests on fewer than k people. */
  hiddenBelow: number | null;
  /** Signed change, formatted; null when either side is missing. */
  change: string | null;
  direction: 'up' | 'down' | 'flat' | null;
  /** A second line of context (e.g. weekly active as a share of eligible). */
  detail: string | null;
}

export interface AdoptionHeadline {
  /** The latest period the figures describe. */
  asOf: AdoptionPoint;
  /** The period compared with, when the range is long enough. */
  comparedWith: AdoptionPoint | null;
  figures: HeadlineFigure[];
}

const FIGURES: { key: FigureKey; label: string; kind: 'count' | 'share' }[] = [
  { key: 'eligible', label: $localize`:@@overview.headline.eligible:Eligible people`, kind: 'count' },
  {
    key: 'activated',
    label: $localize`:@@overview.headline.activated:Activated (ever active)`,
    kind: 'count',
  },
  { key: 'adoptionRate', label: $localize`:@@overview.headline.adoption:Adoption`, kind: 'share' },
  {
    key: 'weeklyActive',
    label: $localize`:@@overview.headline.weeklyActive:Weekly active people`,
    kind: 'count',
  },
  {
    key: 'stickiness',
    label: $localize`:@@overview.headline.stickiness:Stickiness (DAU / MAU)`,
    kind: 'share',
  },
];

/** The headline cards of a weekly adoption report; undefined when the report has no period. */
export function adoptionHeadline(report: AdoptionReport): AdoptionHeadline | undefined {
  const asOf = report.points.at(-1);
  if (!asOf) return undefined;
  const comparedWith = report.points.at(-1 - COMPARISON_WEEKS) ?? null;
  const figures = FIGURES.map(({ key, label, kind }): HeadlineFigure => {
    const raw = asOf[key];
    const before = comparedWith?.[key] ?? null;
    const change = raw !== null && before !== null ? raw - before : null;
    const format = kind === 'count' ? formatCount : formatShare;
    const formatChange = kind === 'count' ? formatCountChange : formatPointsChange;
    return {
      key,
      label,
      raw,
      value: raw === null ? null : format(raw),
      hiddenBelow: raw === null && asOf.suppressed ? asOf.suppressed.minGroupSize : null,
      change: change === null ? null : formatChange(change),
      direction: change === null ? null : directionOf(kind === 'count' ? change : Math.round(change * 1000)),
      detail: key === 'weeklyActive' ? weeklyActiveShare(asOf) : null,
    };
  });
  return { asOf, comparedWith, figures };
}

/** Weekly active people over eligible people of the same period, or null when either is missing. */
export function weeklyActiveRate(point: AdoptionPoint): number | null {
  return point.weeklyActive !== null && point.eligible ? point.weeklyActive / point.eligible : null;
}

function weeklyActiveShare(point: AdoptionPoint): string | null {
  const rate = weeklyActiveRate(point);
  return rate === null
    ? null
    : $localize`:@@overview.headline.ofEligible:${formatShare(rate)}:share: of eligible`;
}

function directionOf(change: number): 'up' | 'down' | 'flat' {
  if (change > 0) return 'up';
  return change < 0 ? 'down' : 'flat';
}
