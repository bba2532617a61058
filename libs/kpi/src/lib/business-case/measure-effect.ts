import { MAX_EFFECT_WINDOW_WEEKS, type DifferenceInDifferencesReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { toDayNumber, weekStart } from '../core/periods';
import { organisationDisclosure, type DisclosureRule } from '../disclosure/cell-key';
import { differenceInDifferences, didWindows, type DidEstimate } from './difference-in-differences';
import {
  loadWeeklyPanel,
  parsePanelMetric,
  withComparison,
  type PanelComparison,
  type PanelPopulation,
} from './panels';

/*
 * Measuring one effect end to end — windows, seed, panel, estimate — shared by the API (effect endpoints,
 * the business case) and the worker (measured_effect gate criteria), so a gate decides on exactly the
 * figure the Business case page shows.
 */

/**
 * The seed of an effect's bootstrap: the first 32 bits of the id of what is measured (the phase or the
 * intervention), read as an unsigned hexadecimal number. Fixed and documented so that the same request
 * always gives the same interval, on every API instance and in the worker, without storing anything.
 */
export function effectSeed(id: string): number {
  const hex = id.replace(/-/g, '').slice(0, 8);
  if (!/^[0-9a-f]{8}$/i.test(hex)) throw new RangeError(`${id} is not a UUID`);
  return Number.parseInt(hex, 16) >>> 0;
}

/**
 * Complete weeks (Monday..Sunday) from the week of `start` up to, not including, the week of `today`: the
 * current week is incomplete (its reports are still coming in), so no window reaches into it.
 */
export function completeWeeksSince(start: string, today: string): number {
  return Math.max(0, (toDayNumber(weekStart(today)) - toDayNumber(weekStart(start))) / 7);
}

/**
 * Weeks of the post window: the requested number (default: every complete week since the start), never
 * more than the complete weeks (a window into the current or a future week would compare partial weeks) nor
 * MAX_EFFECT_WINDOW_WEEKS; null when not one week since the start is complete yet.
 */
export function postWeeksOf(requested: number | undefined, completeWeeks: number): number | null {
  if (completeWeeks < 1) return null;
  return Math.min(requested ?? completeWeeks, completeWeeks, MAX_EFFECT_WINDOW_WEEKS);
}

/** Months between two days, as the business case counts them: days / (365.25 / 12); 0 before the start. */
export function monthsBetween(from: string, to: string): number {
  return Math.max(0, toDayNumber(to) - toDayNumber(from)) / (365.25 / 12);
}

/** Why an effect cannot be measured at all (as opposed to a measured "not estimable"). */
export class EffectUnavailableError extends Error {
  constructor(
    /** 'not-yet': it cannot be measured now but will be (no complete week); 'unsupported': never as asked. */
    readonly kind: 'not-yet' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'EffectUnavailableError';
  }
}

/** Who the comparison is, before the windows are known (a matched comparison needs the pre window). */
export type EffectComparison =
  { kind: 'rest-of-organisation' } | ({ kind: 'population' } & PanelPopulation) | { kind: 'matched' };

/** What an effect measures: who was treated from when, compared with whom, on which metric. */
export interface EffectRequest {
  /** A goal KPI key, an activity panel metric, or usage:<metric>. */
  metric: string;
  /** The id the seed is derived from (the phase's, the intervention's). */
  seedId: string;
  /** The day it started (in the organisation's time zone): its week is the first post week. */
  start: string;
  treated: PanelPopulation;
  comparison: EffectComparison;
  preWeeks: number;
  /** Default: every complete week since the start (at most 52). */
  postWeeks?: number;
  /** Today in the organisation's time zone: the current week is never in a window. */
  today: string;
}

/** The estimate with its replicates, published comparison kind and matching diagnostics. */
export type MeasuredEffect = DidEstimate;

/** The windows an effect request measures, or an EffectUnavailableError when no week is complete yet. */
export function effectWindows(request: Pick<EffectRequest, 'start' | 'preWeeks' | 'postWeeks' | 'today'>) {
  const postWeeks = postWeeksOf(request.postWeeks, completeWeeksSince(request.start, request.today));
  if (postWeeks === null) {
    throw new EffectUnavailableError(
      'not-yet',
      `No week since the start (${request.start}) is complete yet: the effect is measured from its first complete week`,
    );
  }
  return didWindows(request.start, request.preWeeks, postWeeks);
}

/**
 * Measures one effect: the person × week panel of the metric for the treated people and their comparison
 * over the pre and post windows, then the difference-in-differences with the organisation's k and
 * cell-key rule. An unknown metric or an impossible comparison is an EffectUnavailableError('unsupported').
 */
export async function measureEffect(
  dataSource: DataSource,
  organisation: { id: string } & Parameters<typeof organisationDisclosure>[0],
  request: EffectRequest,
): Promise<MeasuredEffect> {
  let metric;
  try {
    metric = parsePanelMetric(request.metric);
  } catch (error) {
    throw new EffectUnavailableError('unsupported', `metric: ${(error as Error).message}`);
  }
  const windows = effectWindows(request);
  const comparison: PanelComparison =
    request.comparison.kind === 'matched'
      ? { kind: 'matched', phaseStart: windows.phaseStart, preWeeks: windows.preWeeks }
      : request.comparison;
  const rule: DisclosureRule = organisationDisclosure(organisation);
  const panel = await loadWeeklyPanel(dataSource, {
    organisationId: organisation.id,
    metric,
    treated: request.treated,
    comparison,
    from: windows.pre.from,
    to: windows.post.to,
  });
  const estimate = differenceInDifferences(panel.rows, {
    phaseStart: windows.phaseStart,
    preWeeks: windows.preWeeks,
    postWeeks: windows.postWeeks,
    seed: effectSeed(request.seedId),
    rule,
    recordKeys: panel.recordKeys,
  });
  return withComparison(estimate, panel, rule);
}

/** The estimate as it is published: without the bootstrap replicates (they only feed value ranges). */
export function publishedEffect(estimate: MeasuredEffect): DifferenceInDifferencesReport {
  const { replicateEffects: _replicates, ...report } = estimate;
  return report;
}
