/**
 * Disclosure control of every published figure about people: the **cell-key method** of the Australian Bureau
 * of Statistics (TableBuilder; Fraser & Wooton 2005, Thompson, Broadfoot & Elazar 2013), which national
 * statistics offices use for flexible, repeated and overlapping table queries, on top of the k rule.
 *
 * - Every person has a secret random *record key* in [0, 2^32) (people.record_key, set by the database).
 * - A count's *cell key* is the sum of its people's record keys modulo 2^32: it depends only on **which**
 *   people the figure counts, not on the query that produced it.
 * - The published count is the true count plus a noise in [-2, 2] drawn deterministically from the cell key
 *   (the perturbation table below). The same set of people therefore always gets the same figure, however
 *   it is addressed: repeating, re-phrasing or averaging queries gains nothing. Two sets that differ by a
 *   few people get independent noise, so subtracting one figure from another (a subtree minus its children,
 *   two cohorts one person apart, a phase against the whole organisation) no longer gives those people's
 *   activity: the difference is off by up to ±4 with the spread of two noises.
 * - Counts of 1..k-1 people are still withheld; zero is published as zero (it discloses nothing) and a
 *   perturbed count is never pushed below k.
 * - Magnitudes (events, active days) get a noise proportional to the largest single contribution, so the
 *   contribution of one person cannot be read from a difference either.
 *
 * A bare number where a rule is expected means "k, suppression only" (exact figures): the hand-computed KPI
 * fixtures use it, and organisations may turn perturbation off (`organisations.perturbation`), accepting
 * that exact figures can be differenced.
 */

export const RECORD_KEY_MODULUS = 2 ** 32;

/** The noise added to a count, and its probability, in the order of the cumulative table below. */
const COUNT_NOISE = [-2, -1, 0, 1, 2] as const;
const NOISE_CDF = [0.05, 0.25, 0.75, 0.95, 1] as const;
/** Multiples of the largest single contribution added to a magnitude (same probabilities). */
const MAGNITUDE_NOISE = [-1, -0.5, 0, 0.5, 1] as const;

/** The largest error perturbation adds to a count (people). */
export const MAX_COUNT_NOISE = 2;

export interface Disclosure {
  /** Counts of 1..k-1 people are withheld. */
  k: number;
  /** Cell-key perturbation of counts and magnitudes. */
  perturbation: boolean;
}

/** A rule: the full disclosure settings, or a bare k (suppression only, exact figures). */
export type DisclosureRule = number | Disclosure;

export function disclosureOf(rule: DisclosureRule): Disclosure {
  return typeof rule === 'number' ? { k: rule, perturbation: false } : rule;
}

/** The k of a rule. */
export function kOf(rule: DisclosureRule): number {
  return typeof rule === 'number' ? rule : rule.k;
}

/** Distinct people counted, with the sum of their record keys (the cell key). */
export interface PeopleCount {
  count: number;
  key: number;
}

/** A count being built: `add` each person once, with their record key. */
export class PeopleCell implements PeopleCount {
  count = 0;
  key = 0;

  add(recordKey: number): void {
    this.count++;
    this.key = (this.key + recordKey) % RECORD_KEY_MODULUS;
  }
}

/** Sum of record keys of a set of people (people without a known key count as 0). */
export function cellOf(ids: Iterable<string>, keys: ReadonlyMap<string, number>): PeopleCount {
  const cell = new PeopleCell();
  for (const id of ids) cell.add(keys.get(id) ?? 0);
  return cell;
}

/** An exact count with no key: for callers that only suppress (tests, figures that are not about people). */
export function exactCount(count: number): PeopleCount {
  return { count, key: 0 };
}

function pick<T>(table: readonly T[], uniform: number): T {
  const index = NOISE_CDF.findIndex((bound) => uniform < bound);
  return table[index === -1 ? table.length - 1 : index];
}

/** A second, independent uniform from the same cell key (magnitudes must not move with their count's noise). */
function secondUniform(key: number): number {
  let x = (key ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / RECORD_KEY_MODULUS;
}

/** True when a count of people must be withheld (1..k-1; zero is shown). */
export function withheld(count: number, rule: DisclosureRule): boolean {
  return count > 0 && count < kOf(rule);
}

/** The count as published: 0 stays 0, 1..k-1 is withheld (null), else exact or perturbed by its cell key. */
export function publishCount(cell: PeopleCount, rule: DisclosureRule): number | null {
  const { k, perturbation } = disclosureOf(rule);
  if (cell.count === 0) return 0;
  if (cell.count < k) return null;
  if (!perturbation) return cell.count;
  return Math.max(k, cell.count + pick(COUNT_NOISE, cell.key / RECORD_KEY_MODULUS));
}

/**
 * A magnitude (events, person-days) of the people in `cell`, as published: exact without perturbation, else
 * moved by up to the largest single person's contribution (`top`), never below zero. Withholding is the
 * caller's (it follows the people count).
 */
export function publishMagnitude(
  total: number,
  top: number,
  cell: PeopleCount,
  rule: DisclosureRule,
): number {
  if (!disclosureOf(rule).perturbation || total === 0) return total;
  return Math.max(0, total + top * pick(MAGNITUDE_NOISE, secondUniform(cell.key)));
}

/**
 * Complementary suppression: parts of a published total (e.g. creators + contributors + readers + inactive =
 * eligible) where some are withheld. If the withheld parts together hold fewer than k people, they could be
 * recovered by subtraction from the total, so the smallest other non-zero parts are withheld as well until
 * the withheld people are at least k (or everything is withheld). Returns which parts to withhold.
 */
export function complementaryHidden(
  counts: readonly number[],
  rule: DisclosureRule,
  unpublished: readonly boolean[] = [],
): boolean[] {
  const k = kOf(rule);
  // `unpublished` parts are never shown but are still the total minus the others (e.g. a unit's own people).
  const hidden = counts.map((count, index) => withheld(count, rule) || (unpublished[index] ?? false));
  let hiddenPeople = counts.reduce((sum, count, index) => sum + (hidden[index] ? count : 0), 0);
  if (hiddenPeople === 0) return hidden;
  const candidates = counts
    .map((count, index) => ({ count, index }))
    .filter(({ count, index }) => !hidden[index] && count > 0)
    .sort((a, b) => a.count - b.count || a.index - b.index);
  for (const candidate of candidates) {
    if (hiddenPeople >= k) break;
    hidden[candidate.index] = true;
    hiddenPeople += candidate.count;
  }
  return hidden;
}

/** The disclosure rule an organisation chose: its k, and perturbation unless it turned it off. */
export function organisationDisclosure(organisation: {
  minGroupSize: number;
  perturbation: boolean;
}): Disclosure {
  return { k: organisation.minGroupSize, perturbation: organisation.perturbation };
}
