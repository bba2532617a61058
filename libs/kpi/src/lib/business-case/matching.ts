import { createHash } from 'node:crypto';
import type { MatchingDiagnostics } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { cellOf, complementaryHidden, kOf, type DisclosureRule } from '../disclosure/cell-key';
import { protect, suppressionReason } from '../disclosure/suppression';
import type { PanelRow } from './difference-in-differences';
import { missing } from './statistics';

/**
 * # Matched comparison
 *
 * The rest of the organisation is often a poor comparison for a pilot: pilots are picked (a keen
 * department, the head office, senior people), so the treated people differ in level, location, kind of
 * unit and, above all, in how active they already were. A difference-in-differences only needs the two
 * groups to move in parallel, but groups that differ that much rarely do. The matched comparison keeps, for
 * every treated person, the one person of the rest of the organisation who looks most like them:
 *
 * 1. **Exact strata**: the same org unit kind (org_units.kind of their unit), level (people.level) and
 *    location (people.location); an unknown value (null) is a value of its own, matched only with null.
 * 2. **Nearest neighbour on the pre-period mean** of the metric (the mean of their weeks in the DiD pre
 *    window): within the stratum, the candidate whose pre mean is closest; at equal distance the first in
 *    md5 order of the person id.
 * 3. **1:1, greedy, without replacement**: treated people are matched one after another in md5 order of
 *    their id (unrelated to who they are, and the same on every run), and a candidate once taken is gone.
 *    Greedy nearest-neighbour matching with a caliper is the standard simple method (Rosenbaum & Rubin 1985;
 *    Austin 2011): optimal matching gains little balance for much more work.
 * 4. **Caliper**: a match further than 0.25 × the pooled SD of the pre means (the SD of treated people and
 *    candidates, sqrt((s²_treated + s²_candidates) / 2)) is refused and the treated person is dropped
 *    (counted as beyond the caliper): a bad match would bring back the bias matching removes.
 * 5. **Coarsening**: when no candidate of the exact stratum is left, the level is dropped (same kind and
 *    location), then the location (same kind only); each coarsened match is counted. Only when no
 *    candidate of the same org unit kind is left is the treated person dropped (counted as no candidate).
 *    A stratum that has candidates, all beyond the caliper, is not coarsened: the exact strata come first.
 *
 * Balance is reported as the standardized mean difference of the pre means, (mean treated − mean
 * comparison) / pooled SD, before matching (every treated person and candidate) and after (matched pairs),
 * with the pooled SD from before matching for both, so the change shows the means moving, not the SD
 * (Stuart 2010). Below about 0.1 the groups are usually called balanced.
 *
 * The DiD then runs on the matched treated people against their matches. Its interval still comes from the
 * person-level bootstrap, which treats the matched comparison as given: the uncertainty of which matches
 * were chosen is not in it, so the interval is somewhat too narrow (Abadie & Imbens 2008). The effect is
 * about the matched treated people, not the dropped ones.
 */

/** What a person is matched on exactly. `null` is a value of its own (unknown level, no unit). */
export interface Stratum {
  unitKind: string | null;
  level: number | null;
  location: string | null;
}

/** A treated person or a candidate: their stratum and their mean weekly value in the pre window. */
export interface MatchPerson {
  id: string;
  stratum: Stratum;
  preMean: number;
}

/** How far the stratum was coarsened for a match. */
export type MatchTier = 'exact' | 'withoutLevel' | 'kindOnly';
export type UnmatchedReason = 'beyondCaliper' | 'noCandidate';

export interface MatchedPair {
  treated: string;
  comparison: string;
  tier: MatchTier;
  /** |treated pre mean − comparison pre mean|. */
  distance: number;
}

export interface MatchingResult {
  /** In matching order (md5 of the treated person's id). */
  pairs: MatchedPair[];
  unmatched: { id: string; reason: UnmatchedReason }[];
  /** Pooled SD of the pre means (treated and candidates); 0 when nobody varies. */
  pooledSd: number;
  caliper: number;
  /** People the balance is over: every treated person and candidate, before matching. */
  treatedPeople: number;
  candidatePeople: number;
  standardizedMeanDifference: { before: number | null; after: number | null };
}

/** Caliper in pooled SDs of the pre means (named in the published method, so not an option). */
export const CALIPER_SD = 0.25;

const TIERS: readonly MatchTier[] = ['exact', 'withoutLevel', 'kindOnly'];

/** The stratum key of a tier: the fields still matched exactly. */
function tierKey(stratum: Stratum, tier: MatchTier): string {
  const { unitKind, level, location } = stratum;
  if (tier === 'exact') return JSON.stringify([unitKind, level, location]);
  if (tier === 'withoutLevel') return JSON.stringify([unitKind, location]);
  return JSON.stringify([unitKind]);
}

/** md5 of a person id, hex: the order of matching, as md5(id::text) orders the panel's samples in SQL. */
export function md5Order(id: string): string {
  return createHash('md5').update(id).digest('hex');
}

function byMd5<T extends { id: string }>(people: readonly T[]): T[] {
  const keyed = people.map((person) => ({ person, key: md5Order(person.id) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ person }) => person);
}

/** Mean and sample variance (0 with fewer than two values: no spread seen). */
function moments(values: readonly number[]): { mean: number; variance: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, variance: 0 };
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, variance: 0 };
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, variance: squares / (n - 1) };
}

/** (a − b) / sd; null when a side is empty, and when sd is 0 but the means differ (no scale to read it on). */
function standardized(a: readonly number[], b: readonly number[], sd: number): number | null {
  if (a.length === 0 || b.length === 0) return null;
  const difference = moments(a).mean - moments(b).mean;
  if (sd === 0) return difference === 0 ? 0 : null;
  return difference / sd;
}

/**
 * The candidates of one stratum, by pre mean: each distinct pre mean is a slot holding its candidates in md5
 * order. Slots whose candidates are all taken are skipped through "next slot still open" pointers with path
 * compression (left and right), so a look-up costs about O(log n) however many are taken. A candidate taken
 * through another tier's pool is seen as taken here (the shared `taken` flags), lazily.
 */
class Pool {
  private readonly values: number[] = [];
  private readonly slots: number[][] = [];
  private readonly heads: number[] = [];
  /** right[s]: the first open slot ≥ s (n: none); left[s + 1]: the last open slot ≤ s (-1: none). */
  private readonly right: Int32Array;
  private readonly left: Int32Array;

  constructor(
    members: readonly number[],
    private readonly preMeans: Float64Array,
    private readonly taken: Uint8Array,
  ) {
    // members arrive in md5 order; a stable sort by pre mean keeps that order within a slot
    const sorted = [...members].sort((a, b) => preMeans[a] - preMeans[b]);
    for (const member of sorted) {
      const value = preMeans[member];
      if (this.values.length > 0 && this.values[this.values.length - 1] === value) {
        this.slots[this.slots.length - 1].push(member);
      } else {
        this.values.push(value);
        this.slots.push([member]);
        this.heads.push(0);
      }
    }
    const n = this.values.length;
    this.right = Int32Array.from({ length: n + 1 }, (_, s) => s);
    this.left = Int32Array.from({ length: n + 1 }, (_, s) => s - 1);
  }

  private findRight(slot: number): number {
    let root = slot;
    while (this.right[root] !== root) root = this.right[root];
    for (let s = slot; s !== root;) {
      const next = this.right[s];
      this.right[s] = root;
      s = next;
    }
    return root;
  }

  private findLeft(slot: number): number {
    // left is indexed by slot + 1, so that -1 ("none") has a cell
    let root = slot;
    while (root !== -1 && this.left[root + 1] !== root) root = this.left[root + 1];
    for (let s = slot; s !== root;) {
      const next = this.left[s + 1];
      this.left[s + 1] = root;
      s = next;
    }
    return root;
  }

  /** The slot's first candidate not taken, or -1 (and the slot is closed). */
  private headOf(slot: number): number {
    const members = this.slots[slot];
    while (this.heads[slot] < members.length && this.taken[members[this.heads[slot]]]) this.heads[slot]++;
    if (this.heads[slot] < members.length) return members[this.heads[slot]];
    this.right[slot] = slot + 1;
    this.left[slot + 1] = slot - 1;
    return -1;
  }

  /**
   * The candidate whose pre mean is nearest `x`, or -1 when none is left. Candidates are numbered in md5
   * order, so at equal distance the lower number is the first in md5 order.
   */
  nearest(x: number): number {
    const n = this.values.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    let up = -1;
    for (let s = this.findRight(lo); s < n && up === -1; s = this.findRight(s)) up = this.headOf(s);
    let down = -1;
    for (let s = this.findLeft(lo - 1); s !== -1 && down === -1; s = this.findLeft(s)) down = this.headOf(s);
    if (up === -1 || down === -1) return up === -1 ? down : up;
    const above = this.valueOf(up) - x;
    const below = x - this.valueOf(down);
    if (above !== below) return above < below ? up : down;
    return Math.min(up, down);
  }

  private valueOf(candidate: number): number {
    return this.preMeans[candidate];
  }
}

/**
 * One treated person's match: the nearest candidate left in their exact stratum, else in the coarser ones;
 * the reason when there is none (a stratum with candidates only beyond the caliper is not coarsened).
 */
function matchOne(
  person: MatchPerson,
  pools: ReadonlyMap<MatchTier, ReadonlyMap<string, Pool>>,
  preMeans: Float64Array,
  caliper: number,
): { candidate: number; tier: MatchTier; distance: number } | UnmatchedReason {
  for (const tier of TIERS) {
    const candidate = pools.get(tier)?.get(tierKey(person.stratum, tier))?.nearest(person.preMean) ?? -1;
    if (candidate === -1) continue; // none left in this stratum: coarsen
    const distance = Math.abs(preMeans[candidate] - person.preMean);
    return distance > caliper ? 'beyondCaliper' : { candidate, tier, distance };
  }
  return 'noCandidate';
}

/**
 * Greedy 1:1 nearest-neighbour matching within exact strata with a caliper (see the block above): for each
 * treated person in md5 order, the nearest candidate left in their stratum, coarsened when the stratum has
 * none left. Candidates must not include treated people. Pure: the same people give the same pairs.
 */
export function matchComparison(
  treated: readonly MatchPerson[],
  candidates: readonly MatchPerson[],
): MatchingResult {
  for (const person of [...treated, ...candidates]) {
    if (!Number.isFinite(person.preMean))
      throw new RangeError(`the pre mean of ${person.id} is not a number`);
  }
  const treatedIds = new Set(treated.map((person) => person.id));
  if (treatedIds.size !== treated.length) throw new RangeError('a treated person is listed twice');
  const candidateIds = new Set<string>();
  for (const person of candidates) {
    if (treatedIds.has(person.id))
      throw new RangeError(`person ${person.id} is both treated and a candidate`);
    if (candidateIds.has(person.id)) throw new RangeError(`candidate ${person.id} is listed twice`);
    candidateIds.add(person.id);
  }

  const treatedMoments = moments(treated.map((person) => person.preMean));
  const candidateMoments = moments(candidates.map((person) => person.preMean));
  const pooledSd = Math.sqrt((treatedMoments.variance + candidateMoments.variance) / 2);
  const caliper = CALIPER_SD * pooledSd;

  // Candidates are numbered in md5 order: the tie-break of equal distances.
  const pool = byMd5(candidates);
  const preMeans = Float64Array.from(pool, (person) => person.preMean);
  const taken = new Uint8Array(pool.length);
  const pools = new Map<MatchTier, Map<string, Pool>>();
  for (const tier of TIERS) {
    const members = new Map<string, number[]>();
    pool.forEach((person, index) => {
      const key = tierKey(person.stratum, tier);
      const list = members.get(key);
      if (list) list.push(index);
      else members.set(key, [index]);
    });
    pools.set(tier, new Map([...members].map(([key, list]) => [key, new Pool(list, preMeans, taken)])));
  }

  const pairs: MatchedPair[] = [];
  const unmatched: MatchingResult['unmatched'] = [];
  for (const person of byMd5(treated)) {
    const match = matchOne(person, pools, preMeans, caliper);
    if (typeof match === 'string') {
      unmatched.push({ id: person.id, reason: match });
      continue;
    }
    taken[match.candidate] = 1;
    pairs.push({
      treated: person.id,
      comparison: pool[match.candidate].id,
      tier: match.tier,
      distance: match.distance,
    });
  }

  const treatedMeans = new Map(treated.map((person) => [person.id, person.preMean]));
  const candidateMeans = new Map(candidates.map((person) => [person.id, person.preMean]));
  return {
    pairs,
    unmatched,
    pooledSd,
    caliper,
    treatedPeople: treated.length,
    candidatePeople: candidates.length,
    standardizedMeanDifference: {
      before: standardized(
        treated.map((person) => person.preMean),
        candidates.map((person) => person.preMean),
        pooledSd,
      ),
      after: standardized(
        pairs.map((pair) => treatedMeans.get(pair.treated) as number),
        pairs.map((pair) => candidateMeans.get(pair.comparison) as number),
        pooledSd,
      ),
    },
  };
}

/**
 * Each person's mean weekly value over the panel's weeks from `pre.from` to `pre.to` (the DiD pre window),
 * as the DiD takes it: the mean of the weeks with data; people without any week there are left out.
 */
export function preMeansOf(
  rows: readonly PanelRow[],
  pre: { from: string; to: string },
): Map<string, number> {
  const sums = new Map<string, { sum: number; weeks: number }>();
  for (const row of rows) {
    if (row.week < pre.from || row.week > pre.to || missing(row.value)) continue;
    const person = sums.get(row.person);
    if (person) {
      person.sum += row.value;
      person.weeks++;
    } else {
      sums.set(row.person, { sum: row.value, weeks: 1 });
    }
  }
  return new Map([...sums].map(([id, { sum, weeks }]) => [id, sum / weeks]));
}

/**
 * The strata of the given people (org unit kind of their unit, level, location), from people and org_units.
 * The ids are the panel's people, so the list is bounded by the panel's people cap.
 */
export async function loadStrata(
  dataSource: DataSource,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, Stratum>> {
  const rows: { id: string; unit_kind: string | null; level: number | null; location: string | null }[] =
    await dataSource.query(
      `SELECT p.id, u.kind AS unit_kind, p.level, p.location
       FROM unnest($2::uuid[]) AS x(id)
       JOIN people p ON p.organisation_id = $1 AND p.id = x.id
       LEFT JOIN org_units u ON u.organisation_id = $1 AND u.id = p.org_unit_id`,
      [organisationId, personIds],
    );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        unitKind: row.unit_kind,
        level: row.level === null ? null : Number(row.level),
        location: row.location,
      },
    ]),
  );
}

/**
 * The diagnostics of a matching as published. The five counts of treated people (matched exactly, without
 * the level, on the kind only; beyond the caliper; without a candidate) add up to the treated people, so
 * they are protected together (complementaryHidden: one withheld part cannot be had by subtraction), each
 * published through its cell key. The caliper and the standardized mean differences are statistics over
 * every treated person and candidate (over the pairs for `after`): withheld when that rests on fewer than k.
 */
export function publishMatching(
  result: MatchingResult,
  keys: ReadonlyMap<string, number>,
  rule: DisclosureRule,
): MatchingDiagnostics {
  const k = kOf(rule);
  const parts: { name: MatchTier | UnmatchedReason; ids: string[] }[] = [
    ...TIERS.map((tier) => ({
      name: tier,
      ids: result.pairs.filter((pair) => pair.tier === tier).map((pair) => pair.treated),
    })),
    ...(['beyondCaliper', 'noCandidate'] as const).map((reason) => ({
      name: reason,
      ids: result.unmatched.filter((person) => person.reason === reason).map((person) => person.id),
    })),
  ];
  const hidden = complementaryHidden(
    parts.map((part) => part.ids.length),
    rule,
  );
  const published = new Map(
    parts.map((part, index) => [part.name, hidden[index] ? null : protect(cellOf(part.ids, keys), rule)]),
  );
  const treated = protect(
    cellOf(
      parts.flatMap((part) => part.ids),
      keys,
    ),
    rule,
  );
  const overAll = result.treatedPeople >= k && result.candidatePeople >= k;
  const overPairs = result.pairs.length >= k;
  const belowK = (count: number) => count > 0 && count < k;
  const suppressed =
    hidden.some(Boolean) ||
    treated === null ||
    belowK(result.treatedPeople) ||
    belowK(result.candidatePeople) ||
    belowK(result.pairs.length);
  return {
    method:
      'greedy 1:1 nearest neighbour on the pre-period mean within exact strata (org unit kind, level, location), caliper 0.25 pooled SD, without replacement',
    treated,
    matched: {
      exact: published.get('exact') ?? null,
      withoutLevel: published.get('withoutLevel') ?? null,
      kindOnly: published.get('kindOnly') ?? null,
    },
    unmatched: {
      beyondCaliper: published.get('beyondCaliper') ?? null,
      noCandidate: published.get('noCandidate') ?? null,
    },
    caliper: overAll ? result.caliper : null,
    standardizedMeanDifference: {
      before: overAll ? result.standardizedMeanDifference.before : null,
      after: overAll && overPairs ? result.standardizedMeanDifference.after : null,
    },
    ...(suppressed ? { suppressed: suppressionReason(rule) } : {}),
  };
}
