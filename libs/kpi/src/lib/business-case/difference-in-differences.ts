import {
  EFFECT_LABEL,
  MAX_BUSINESS_CASE_WEEKS,
  type DidGroup,
  type DidWeek,
  type DifferenceInDifferencesReport,
  type EffectNotEstimableCode,
} from '@uptake/contracts';
import { addDays, toDayNumber, weekStart } from '../core/periods';
import { seededRandom } from '../core/seeded-random';
import { cellOf, kOf, PeopleCell, publishMagnitude, type DisclosureRule } from '../disclosure/cell-key';
import { protect, suppressionReason } from '../disclosure/suppression';
import { parallelTrends } from './parallel-trends';
import { expandedTail, missing, quantileOfSorted, sampleVariance, slopeOf, sortedFinite } from './statistics';

// Bound once: global look-ups are slow inside Jest's VM context, and these run per row and per draw.
const { floor } = Math;
const { isFinite: finite, isInteger: whole } = Number;

export type PanelGroup = 'treated' | 'comparison';

/** One person's value of a metric in one week (e.g. e-mails sent): a week without a row has no data. */
export interface PanelRow {
  person: string;
  group: PanelGroup;
  /** Monday of the week. */
  week: string;
  value: number;
}

export const DEFAULT_REPLICATES = 1000;
/** More replicates cost time without changing a percentile interval beyond its Monte Carlo error (±0.3%). */
export const MAX_REPLICATES = 5000;
/** Below 100 replicates the 2.5th and 97.5th percentiles rest on two or three draws each. */
export const MIN_REPLICATES = 100;
/**
 * People per group below which there is no estimate. The interval is a percentile bootstrap of a difference
 * of person means: it is only as good as the normal approximation of those means and the resample's picture
 * of the spread between people. With fewer than about 30 people per group a few heavy e-mail users dominate
 * the mean, the bootstrap distribution is visibly skewed and under-covers (its variance is (n−1)/n of the
 * true one and the percentile interval ignores the t correction), so the interval would look more certain
 * than it is. The guard is never below k: every published mean rests on at least k people.
 */
export const DEFAULT_MIN_PEOPLE_PER_GROUP = 30;

export interface DidOptions {
  /** A day of the week the phase started (normalised to its Monday): the first week of the post window. */
  phaseStart: string;
  /** Weeks before the start week that form the pre window (1..156 with the post weeks). */
  preWeeks: number;
  /** Weeks from the start week on that form the post window. */
  postWeeks: number;
  /** Seed of the resampling: the same data and seed always give the same interval. */
  seed: number;
  /** Bootstrap replicates (default 1,000; 100..5,000). */
  replicates?: number;
  /** No estimate with fewer people in either group (default 30; raised to k when k is larger). */
  minPeoplePerGroup?: number;
  /** k (and cell-key perturbation of the published people counts). */
  rule: DisclosureRule;
  /** Record keys of the people (cell-key method); without them counts are perturbed with a key of 0. */
  recordKeys?: ReadonlyMap<string, number>;
}

/** The report, with the effect of every bootstrap replicate (what value ranges are drawn from). */
export interface DidEstimate extends DifferenceInDifferencesReport {
  /** Effect of each bootstrap replicate, in replicate order; empty when not estimable. */
  replicateEffects: Float64Array;
}

/** The pre and post windows of a phase start, as Monday..Sunday days and as week offsets. */
export interface DidWindows {
  phaseStart: string;
  pre: { from: string; to: string };
  post: { from: string; to: string };
  preWeeks: number;
  postWeeks: number;
}

export function didWindows(phaseStart: string, preWeeks: number, postWeeks: number): DidWindows {
  for (const [name, weeks] of [
    ['preWeeks', preWeeks],
    ['postWeeks', postWeeks],
  ] as const) {
    if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`${name} must be a whole number ≥ 1`);
  }
  if (preWeeks + postWeeks > MAX_BUSINESS_CASE_WEEKS) {
    throw new RangeError(`the pre and post windows may span at most ${MAX_BUSINESS_CASE_WEEKS} weeks`);
  }
  const start = weekStart(phaseStart);
  const from = addDays(start, -7 * preWeeks);
  return {
    phaseStart: start,
    pre: { from, to: addDays(start, -1) },
    post: { from: start, to: addDays(start, 7 * postWeeks - 1) },
    preWeeks,
    postWeeks,
  };
}

/**
 * The people of one group who have data in both windows: each person's mean weekly value before and after
 * the start, and their weekly values (NaN: no data that week), row-major person × week.
 */
interface GroupPanel {
  ids: string[];
  preMeans: Float64Array;
  changes: Float64Array;
  weekly: Float64Array;
  /** Rows of the group in the pre window and in the post window (people without both included). */
  preRows: number;
  postRows: number;
}

/** Splits the panel into the two groups over the windows' weeks; rows outside the windows are ignored. */
function groupPanels(panel: readonly PanelRow[], windows: DidWindows): Record<PanelGroup, GroupPanel> {
  const weeks = windows.preWeeks + windows.postWeeks;
  const first = toDayNumber(windows.pre.from);
  const dayNumbers = new Map<string, number>();
  const people = new Map<string, { group: PanelGroup; values: Float64Array }>();
  const rows = { treated: { pre: 0, post: 0 }, comparison: { pre: 0, post: 0 } };
  for (const row of panel) {
    let dayNumber = dayNumbers.get(row.week);
    if (dayNumber === undefined) {
      dayNumber = toDayNumber(row.week);
      dayNumbers.set(row.week, dayNumber);
    }
    const offset = (dayNumber - first) / 7;
    if (!whole(offset)) throw new RangeError(`week "${row.week}" is not a Monday`);
    if (offset < 0 || offset >= weeks) continue;
    if (!finite(row.value)) throw new RangeError(`the value of ${row.person} in ${row.week} is not a number`);
    let person = people.get(row.person);
    if (!person) {
      person = { group: row.group, values: new Float64Array(weeks).fill(NaN) };
      people.set(row.person, person);
    } else if (person.group !== row.group) {
      throw new RangeError(`person ${row.person} is in both groups`);
    }
    if (!missing(person.values[offset])) {
      throw new RangeError(`person ${row.person} has two rows for the week of ${row.week}`);
    }
    person.values[offset] = row.value;
    rows[row.group][offset < windows.preWeeks ? 'pre' : 'post']++;
  }
  const build = (group: PanelGroup): GroupPanel => {
    const kept: { id: string; pre: number; post: number; values: Float64Array }[] = [];
    for (const [id, person] of people) {
      if (person.group !== group) continue;
      const pre = meanOf(person.values, 0, windows.preWeeks);
      const post = meanOf(person.values, windows.preWeeks, weeks);
      if (!missing(pre) && !missing(post)) kept.push({ id, pre, post, values: person.values });
    }
    const weekly = new Float64Array(kept.length * weeks);
    kept.forEach((person, index) => weekly.set(person.values, index * weeks));
    return {
      ids: kept.map((person) => person.id),
      preMeans: Float64Array.from(kept, (person) => person.pre),
      changes: Float64Array.from(kept, (person) => person.post - person.pre),
      weekly,
      preRows: rows[group].pre,
      postRows: rows[group].post,
    };
  };
  return { treated: build('treated'), comparison: build('comparison') };
}

/** Mean of the numbers among values[from..to), NaN when there are none. */
function meanOf(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    if (missing(values[i])) continue;
    sum += values[i];
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

function average(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? NaN : sum / values.length;
}

/**
 * Mean weekly value of a group's people per week over weeks [0, upTo), each person counted `weights[i]`
 * times (1 for the sample, the resample multiplicity in a replicate), written into `means` (NaN for a week
 * without data) and `people` (the weighted count). Buffers are the caller's: the bootstrap calls this
 * thousands of times.
 */
function weeklyMeans(
  group: GroupPanel,
  weeks: number,
  upTo: number,
  weights: Uint32Array | null,
  means: Float64Array,
  people: Float64Array,
): void {
  means.fill(0, 0, upTo);
  people.fill(0, 0, upTo);
  for (let i = 0; i < group.ids.length; i++) {
    const weight = weights ? weights[i] : 1;
    if (weight === 0) continue;
    const base = i * weeks;
    for (let w = 0; w < upTo; w++) {
      const value = group.weekly[base + w];
      if (missing(value)) continue;
      means[w] += weight * value;
      people[w] += weight;
    }
  }
  for (let w = 0; w < upTo; w++) means[w] = people[w] === 0 ? NaN : means[w] / people[w];
}

/**
 * A group's weekly means as published, like the usage figures of goals (queryUsagePerPerson): the week's
 * total over its people with data, moved by the cell-key magnitude noise when the organisation has it on,
 * divided by the published count of those people; null when they are 1..k-1 (`withheld`) or none.
 */
function publishedWeeklyMeans(
  group: GroupPanel,
  weeks: number,
  keys: ReadonlyMap<string, number>,
  rule: DisclosureRule,
): { means: (number | null)[]; withheld: boolean } {
  const cells = Array.from({ length: weeks }, () => new PeopleCell());
  const totals = new Float64Array(weeks);
  const tops = new Float64Array(weeks);
  group.ids.forEach((id, i) => {
    const key = keys.get(id) ?? 0;
    for (let w = 0; w < weeks; w++) {
      const value = group.weekly[i * weeks + w];
      if (missing(value)) continue;
      cells[w].add(key);
      totals[w] += value;
      tops[w] = Math.max(tops[w], Math.abs(value));
    }
  });
  let withheld = false;
  const means = cells.map((cell, w) => {
    const people = protect(cell, rule);
    if (people === null) withheld = true;
    if (!people) return null;
    return publishMagnitude(totals[w], tops[w], cell, rule) / people;
  });
  return { means, withheld };
}

/** Treated − comparison per trend week into `gap`; NaN where a side has no data or the week is not used. */
function gapByWeek(
  treated: Float64Array,
  comparison: Float64Array,
  trendWeeks: readonly boolean[],
  gap: Float64Array,
): Float64Array {
  for (let w = 0; w < trendWeeks.length; w++) gap[w] = trendWeeks[w] ? treated[w] - comparison[w] : NaN;
  return gap;
}

/**
 * Difference-in-differences of a weekly per-person metric: (post − pre) of the treated people minus (post −
 * pre) of the comparison people. Each person's pre and post means are taken first, then averaged over
 * people, so a person with more weeks of data does not weigh more than one with fewer: the unit of the
 * analysis is the person (whom the phase treated), not the person-week. People without data in both windows
 * are left out (their change is unknown).
 *
 * The 95% interval is a person-level cluster bootstrap: people are resampled with replacement within each
 * group (all of a person's weeks travel together, so the correlation of a person's weeks is kept), the
 * estimate is recomputed, and percentiles of the replicates are the interval: the 2.5th and 97.5th,
 * expanded for the bootstrap's small-sample narrowness (`expandedTail`: about the 2.4th and 97.6th at 100
 * people a group). It treats weeks as fixed: a shock that hits one group in one week only (a team's
 * outage) is not in the interval. The relative effect (effect / treated pre mean) and the parallel-trends slope are recomputed on
 * the same resamples.
 *
 * Privacy: no estimate with fewer than max(minPeoplePerGroup, k) people in either group; the people
 * counts are published through the cell-key rule; a week's group mean resting on 1..k-1 people is withheld
 * (and perturbed like the goals' usage figures when the organisation has perturbation on). The effect, its
 * interval and the group means are estimates over at least max(minPeoplePerGroup, k) people, published
 * exactly: noise on them would only widen the interval, and the phase population rules (a cohort differs
 * from every other group by 0 or at least k people) keep one estimate minus another from isolating anyone.
 *
 * It is an "observational estimate": the groups were not randomised, so it holds only as far as the two
 * groups would have moved in parallel without the phase (see the parallel-trends check).
 */
export function differenceInDifferences(panel: readonly PanelRow[], options: DidOptions): DidEstimate {
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(replicates) || replicates < MIN_REPLICATES || replicates > MAX_REPLICATES) {
    throw new RangeError(`replicates must be a whole number from ${MIN_REPLICATES} to ${MAX_REPLICATES}`);
  }
  const k = kOf(options.rule);
  const requested = options.minPeoplePerGroup ?? DEFAULT_MIN_PEOPLE_PER_GROUP;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError('minPeoplePerGroup must be a whole number ≥ 1');
  }
  const minPeople = Math.max(requested, k);
  const windows = didWindows(options.phaseStart, options.preWeeks, options.postWeeks);
  const weeks = windows.preWeeks + windows.postWeeks;
  const groups = groupPanels(panel, windows);
  const keys = options.recordKeys ?? new Map<string, number>();

  const series = {
    treated: { means: new Float64Array(weeks), people: new Float64Array(weeks) },
    comparison: { means: new Float64Array(weeks), people: new Float64Array(weeks) },
  };
  for (const name of ['treated', 'comparison'] as const) {
    weeklyMeans(groups[name], weeks, weeks, null, series[name].means, series[name].people);
  }
  const published = {
    treated: publishedWeeklyMeans(groups.treated, weeks, keys, options.rule),
    comparison: publishedWeeklyMeans(groups.comparison, weeks, keys, options.rule),
  };
  let suppressed = published.treated.withheld || published.comparison.withheld;
  const weekRows: DidWeek[] = Array.from({ length: weeks }, (_, w) => ({
    week: addDays(windows.pre.from, 7 * w),
    treated: published.treated.means[w],
    comparison: published.comparison.means[w],
  }));

  const summary = (group: GroupPanel): DidGroup => {
    const people = protect(cellOf(group.ids, keys), options.rule);
    if (people === null) suppressed = true;
    if (people === null || group.ids.length === 0) {
      return { people, preMean: null, postMean: null, change: null };
    }
    const preMean = average(group.preMeans);
    const change = average(group.changes);
    return { people, preMean, postMean: preMean + change, change };
  };
  const treated = summary(groups.treated);
  const comparison = summary(groups.comparison);

  const reason = notEstimable(groups, minPeople);
  const base = {
    label: EFFECT_LABEL,
    phaseStart: windows.phaseStart,
    pre: windows.pre,
    post: windows.post,
    minPeoplePerGroup: minPeople,
    treated,
    comparison,
    bootstrap: {
      method: 'person-level cluster bootstrap, expanded percentile interval' as const,
      replicates,
      seed: options.seed,
    },
    weeks: weekRows,
  };
  if (reason) {
    return {
      ...base,
      estimable: false,
      reason,
      effect: { estimate: null, low: null, high: null, p10: null, p90: null },
      relativeEffect: { estimate: null, low: null, high: null },
      significant: null,
      parallelTrends: parallelTrends(null, windows.preWeeks, null),
      ...(suppressed ? { suppressed: suppressionReason(options.rule) } : {}),
      replicateEffects: new Float64Array(0),
    };
  }

  // Pre weeks where both groups have data: the trend is fitted on them, in the sample and every replicate.
  const trendWeeks = Array.from(
    { length: windows.preWeeks },
    (_, w) => series.treated.people[w] > 0 && series.comparison.people[w] > 0,
  );
  const xs = Float64Array.from(trendWeeks, (_, w) => w);
  const effect = average(groups.treated.changes) - average(groups.comparison.changes);
  const treatedPre = average(groups.treated.preMeans);
  const gap = new Float64Array(windows.preWeeks);
  const slope = slopeOf(xs, gapByWeek(series.treated.means, series.comparison.means, trendWeeks, gap));

  const draws = bootstrap(groups, windows, trendWeeks, xs, replicates, options.seed);
  const effects = sortedFinite(draws.effects);
  const relatives = sortedFinite(draws.relatives);
  const slopes = sortedFinite(draws.slopes);
  const tail = expandedTail(
    [groups.treated, groups.comparison].map((group) => ({
      n: group.ids.length,
      variance: sampleVariance(group.changes),
    })),
  );
  const low = quantileOfSorted(effects, tail);
  const high = quantileOfSorted(effects, 1 - tail);
  const trendUsable = trendWeeks.filter(Boolean).length >= MIN_TREND_WEEKS && !Number.isNaN(slope);
  return {
    ...base,
    estimable: true,
    reason: null,
    effect: {
      estimate: effect,
      low,
      high,
      p10: quantileOfSorted(effects, 0.1),
      p90: quantileOfSorted(effects, 0.9),
    },
    relativeEffect:
      treatedPre === 0
        ? { estimate: null, low: null, high: null }
        : {
            estimate: effect / treatedPre,
            low: quantileOfSorted(relatives, tail),
            high: quantileOfSorted(relatives, 1 - tail),
          },
    significant: low !== null && high !== null ? low > 0 || high < 0 : null,
    parallelTrends: parallelTrends(
      trendUsable
        ? { slope, low: quantileOfSorted(slopes, tail), high: quantileOfSorted(slopes, 1 - tail) }
        : null,
      windows.preWeeks,
      { estimate: effect, low, high },
    ),
    ...(suppressed ? { suppressed: suppressionReason(options.rule) } : {}),
    replicateEffects: draws.effects,
  };
}

/** Pre weeks with data in both groups needed for a trend (two points always fit a line). */
export const MIN_TREND_WEEKS = 3;

function notEstimable(
  groups: Record<PanelGroup, GroupPanel>,
  minPeople: number,
): { code: EffectNotEstimableCode; message: string } | null {
  for (const name of ['treated', 'comparison'] as const) {
    const group = groups[name];
    if (group.preRows === 0 || group.postRows === 0) {
      const window = group.preRows === 0 ? 'pre' : 'post';
      return { code: 'empty-window', message: `The ${name} group has no data in the ${window} window` };
    }
  }
  for (const name of ['treated', 'comparison'] as const) {
    if (groups[name].ids.length < minPeople) {
      return {
        code: 'too-few-people',
        message: `An estimate needs at least ${minPeople} people with data before and after the start in each group`,
      };
    }
  }
  return null;
}

/**
 * Each person's contribution to the least-squares slope of a group's weekly mean over the pre window, when
 * every person of the group has every pre week (the usual case: a usage report lists everyone each week).
 * The slope is then linear in the people: slope(mean) = mean(person slopes), so a replicate's slope is the
 * mean of its drawn people's slopes, O(people) instead of O(people × weeks). Null when some pre week is
 * missing for someone: replicates then recompute the weekly means (a week's mean is over who has data).
 */
function personSlopes(group: GroupPanel, weeks: number, preWeeks: number): Float64Array | null {
  const xs = Float64Array.from({ length: preWeeks }, (_, w) => w);
  const slopes = new Float64Array(group.ids.length);
  const values = new Float64Array(preWeeks);
  for (let i = 0; i < group.ids.length; i++) {
    values.set(group.weekly.subarray(i * weeks, i * weeks + preWeeks));
    if (values.some(missing)) return null;
    slopes[i] = slopeOf(xs, values);
  }
  return slopes;
}

/**
 * The bootstrap: per replicate, each group's people are drawn with replacement (as many as it has), and the
 * effect, the relative effect and the pre-trend slope are recomputed from the draw. One seeded generator
 * draws everything in a fixed order (treated then comparison), so the replicates are reproducible.
 */
function bootstrap(
  groups: Record<PanelGroup, GroupPanel>,
  windows: DidWindows,
  trendWeeks: readonly boolean[],
  xs: Float64Array,
  replicates: number,
  seed: number,
): { effects: Float64Array; relatives: Float64Array; slopes: Float64Array } {
  const random = seededRandom(seed);
  const { preWeeks } = windows;
  const weeks = preWeeks + windows.postWeeks;
  const effects = new Float64Array(replicates);
  const relatives = new Float64Array(replicates);
  const slopes = new Float64Array(replicates);
  const gap = new Float64Array(preWeeks);
  const people = new Float64Array(preWeeks);
  const buffer = (group: GroupPanel) => ({
    weights: new Uint32Array(group.ids.length),
    means: new Float64Array(preWeeks),
    slopes: preWeeks >= MIN_TREND_WEEKS ? personSlopes(group, weeks, preWeeks) : null,
  });
  const buffers = { treated: buffer(groups.treated), comparison: buffer(groups.comparison) };
  // Both complete: every pre week is a trend week and the gap's slope is the difference of mean slopes.
  const linear = buffers.treated.slopes !== null && buffers.comparison.slopes !== null;
  const totals = { change: 0, pre: 0, slope: 0 };
  // Draws one group's resample; totals get its mean change, mean pre value and (linear) mean slope.
  const draw = (name: PanelGroup) => {
    const group = groups[name];
    const { weights, means, slopes: perPerson } = buffers[name];
    const n = group.ids.length;
    if (!linear) weights.fill(0);
    let change = 0;
    let pre = 0;
    let slope = 0;
    for (let j = 0; j < n; j++) {
      const i = floor(random() * n);
      change += group.changes[i];
      pre += group.preMeans[i];
      if (linear) slope += (perPerson as Float64Array)[i];
      else weights[i]++;
    }
    if (!linear) weeklyMeans(group, weeks, preWeeks, weights, means, people);
    totals.change = change / n;
    totals.pre = pre / n;
    totals.slope = slope / n;
  };
  for (let r = 0; r < replicates; r++) {
    draw('treated');
    const treated = { ...totals };
    draw('comparison');
    effects[r] = treated.change - totals.change;
    relatives[r] = treated.pre === 0 ? NaN : effects[r] / treated.pre;
    slopes[r] = linear
      ? treated.slope - totals.slope
      : slopeOf(xs, gapByWeek(buffers.treated.means, buffers.comparison.means, trendWeeks, gap));
  }
  return { effects, relatives, slopes };
}
