import type { AdopterCategoryFigures, DiffusionReport } from '@uptake/contracts';
import { isEligibleOn, type Member } from '../core/members';
import { addDays, FIRST_SUPPORTED_DAY, weekStart } from '../core/periods';
import { cellOf, PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';
import { ADOPTER_CATEGORIES, adopterCategories, IDEAL_ADOPTER_SHARES } from './adopter-categories';
import { fitBass } from './fit-bass';
import { forecastTarget } from './forecast-target';

export interface DiffusionOptions {
  /** Adoption share of eligible people to forecast, e.g. 0.6. */
  targetShare: number;
  /** How far past the range's end to look for the target, in weeks. */
  horizonWeeks: number;
  /** Bootstrap samples of the forecast interval. */
  samples?: number;
}

/**
 * Diffusion of the population up to `to`: Rogers adopter categories of the eligible people who adopted,
 * the weekly cumulative-adopters curve, a Bass fit on it (t in weeks since the first adoption week) and
 * the date the fit reaches the target share, with a bootstrap 80% interval. Withheld below k adopters.
 */
export function diffusionReport(
  members: readonly Member[],
  to: string,
  k: DisclosureRule,
  options: DiffusionOptions,
): Omit<DiffusionReport, 'scope'> {
  const eligible = members.filter((member) => isEligibleOn(member, to));
  const eligibleIds = eligible.map((member) => member.id);
  const keys = new Map(members.map((member) => [member.id, member.recordKey]));
  const adopters = eligible.filter((m) => m.firstActiveDay !== null && m.firstActiveDay <= to);
  const reason = suppressionReason(k);
  if (isSuppressed(adopters.length, k) || isSuppressed(eligible.length, k)) {
    return {
      eligible: null,
      adopters: null,
      categories: ADOPTER_CATEGORIES.map((category) => ({
        category,
        count: null,
        share: null,
        idealShare: IDEAL_ADOPTER_SHARES[category],
        firstAdoption: null,
        lastAdoption: null,
        suppressed: reason,
      })),
      curve: [],
      bass: null,
      forecast: null,
      reason: 'fewer than k adopters',
      suppressed: reason,
    };
  }
  const categorised = adopterCategories(
    adopters.map((member) => ({ key: member.id, adoptedOn: member.firstActiveDay as string })),
  );
  const categoryCells = new Map(ADOPTER_CATEGORIES.map((category) => [category, new PeopleCell()]));
  for (const [id, category] of categorised.categoryOf) categoryCells.get(category)?.add(keys.get(id) ?? 0);
  const publishedAdopters = protect(
    cellOf(
      adopters.map((member) => member.id),
      keys,
    ),
    k,
  );
  const categories = ADOPTER_CATEGORIES.map((category): AdopterCategoryFigures => {
    const figures = categorised.categories[category];
    const hidden = isSuppressed(figures.count, k);
    const count = hidden ? null : protect(categoryCells.get(category) ?? new PeopleCell(), k);
    return {
      category,
      count,
      share: count === null || !publishedAdopters ? null : Math.min(1, count / publishedAdopters),
      idealShare: figures.idealShare,
      firstAdoption: hidden ? null : figures.firstAdoption,
      lastAdoption: hidden ? null : figures.lastAdoption,
      ...(hidden ? { suppressed: reason } : {}),
    };
  });

  const byFirstDay = [...adopters].sort((a, b) =>
    (a.firstActiveDay as string) < (b.firstActiveDay as string) ? -1 : 1,
  );
  const firstDays = byFirstDay.map((member) => member.firstActiveDay as string);
  if (firstDays.length === 0) {
    return {
      eligible: protect(cellOf(eligibleIds, keys), k),
      adopters: 0,
      categories,
      curve: [],
      bass: null,
      forecast: null,
      reason: 'nobody has adopted yet',
    };
  }
  // A first day before the calendar can only be data stored before the time window existed.
  const launch = weekStart(firstDays[0] < FIRST_SUPPORTED_DAY ? FIRST_SUPPORTED_DAY : firstDays[0]);
  // Published: each week's cumulative adopters as a (perturbed) count, withheld while 1..k-1. The Bass model
  // is fitted to the exact counts; only its parameters and dates are published.
  const curve: { week: string; adopters: number | null }[] = [];
  const cumulative: number[] = [];
  const cell = new PeopleCell();
  let index = 0;
  for (let week = launch; week <= to; week = addDays(week, 7)) {
    const weekEnd = addDays(week, 6);
    while (index < firstDays.length && firstDays[index] <= weekEnd) cell.add(byFirstDay[index++].recordKey);
    cumulative.push(index);
    curve.push({ week, adopters: protect(cell, k) });
  }
  const base = {
    eligible: protect(cellOf(eligibleIds, keys), k),
    adopters: publishedAdopters,
    categories,
    curve,
  };
  // t = 0 is the Monday before the first adoption; each point is the count at its week's end.
  const points = [
    { t: 0, cumulative: 0 },
    ...cumulative.map((count, i) => ({ t: i + 1, cumulative: count })),
  ];
  let fit;
  try {
    fit = fitBass(points, { marketSize: eligible.length });
  } catch (error) {
    return { ...base, bass: null, forecast: null, reason: (error as Error).message };
  }
  const targetAdopters = Math.ceil(options.targetShare * eligible.length);
  const horizon = points.length - 1 + options.horizonWeeks;
  const forecast = forecastTarget(points, fit, targetAdopters, { horizon, samples: options.samples ?? 100 });
  // t weeks after the launch Monday; t = 1 is that week's Sunday.
  const dateAt = (t: number | null) => (t === null ? null : addDays(launch, Math.ceil(t * 7) - 1));
  return {
    ...base,
    bass: { p: fit.p, q: fit.q, m: fit.m, rSquared: fit.rSquared, converged: fit.converged },
    forecast: {
      targetShare: options.targetShare,
      targetAdopters,
      date: dateAt(forecast.estimate),
      p10: dateAt(forecast.p10),
      p90: dateAt(forecast.p90),
      reason: forecast.reason,
    },
  };
}
