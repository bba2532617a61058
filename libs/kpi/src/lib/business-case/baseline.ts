import { createHash } from 'node:crypto';
import { MAX_BUSINESS_CASE_WEEKS, type BaselineDefinition, type FrozenBaseline } from '@uptake/contracts';
import type { WeeklyValue } from '../goals/business-goals';
import { addDays, weekStart } from '../core/periods';

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so two definitions that say
 * the same thing in another key order hash the same. Arrays keep their order (the order of a filter list
 * may mean something); numbers are written as JSON writes them (-0 as 0).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError('a definition holds only finite numbers');
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/**
 * sha256 (hex) of the canonical JSON of what a baseline measures: KPI, population, filters and definition
 * version, and nothing else (not its name, not who froze it), so only a change of meaning changes it.
 */
export function definitionHash(definition: BaselineDefinition): string {
  const { kpi, population, filters, definitionVersion } = definition;
  const meaning = {
    kpi,
    population: { orgUnitId: population.orgUnitId, groupId: population.groupId },
    filters,
    definitionVersion,
  };
  return createHash('sha256').update(canonicalJson(meaning)).digest('hex');
}

/**
 * A goal's baseline frozen over a pre-period: the mean of its measured weekly values (withheld weeks are
 * left out, never read as 0) with the hash of its definition. `weeklyValues` are the pre-period's weeks,
 * oldest first (e.g. the 8 weeks before the pilot started); from/to span them, Monday to Sunday. The values
 * are already published figures (withheld below k), so the baseline rests on at least k people each week.
 */
export function freezeBaseline(
  definition: BaselineDefinition,
  weeklyValues: readonly WeeklyValue[],
): FrozenBaseline {
  if (weeklyValues.length === 0) throw new RangeError('a baseline needs at least one week');
  if (weeklyValues.length > MAX_BUSINESS_CASE_WEEKS) {
    throw new RangeError(`a baseline spans at most ${MAX_BUSINESS_CASE_WEEKS} weeks`);
  }
  const mondays = weeklyValues.map((point) => weekStart(point.week)).sort();
  const measured = weeklyValues
    .map((point) => point.value)
    .filter((value): value is number => value !== null && Number.isFinite(value));
  return {
    definition,
    value: measured.length === 0 ? null : measured.reduce((sum, value) => sum + value, 0) / measured.length,
    from: mondays[0],
    to: addDays(mondays[mondays.length - 1], 6),
    weeks: measured.length,
    withheldWeeks: weeklyValues.length - measured.length,
    definitionHash: definitionHash(definition),
  };
}

/**
 * Whether the definition a goal is measured with now differs from the one its baseline was frozen with:
 * then comparing the two is apples and pears, and the baseline must be re-frozen (or the change reverted).
 */
export function baselineChanged(
  frozen: Pick<FrozenBaseline, 'definitionHash'>,
  current: BaselineDefinition,
): boolean {
  return frozen.definitionHash !== definitionHash(current);
}
