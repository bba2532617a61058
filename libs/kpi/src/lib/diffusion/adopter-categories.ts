import { ADOPTER_CATEGORIES } from '@uptake/contracts';

/**
 * Rogers' adopter categories (Diffusion of Innovations): adopters are placed by how far their adoption
 * time lies from the mean adoption time of all adopters, in standard deviations.
 *
 * Boundary ties: an adoption day exactly on a boundary belongs to the category nearer the mean, and the
 * mean itself opens the late majority. So innovators must be strictly earlier than mean − 2sd and laggards
 * strictly later than mean + sd, as Rogers phrases it:
 *   innovators      d < mean − 2sd
 *   early adopters  mean − 2sd ≤ d < mean − sd
 *   early majority  mean − sd  ≤ d < mean
 *   late majority   mean       ≤ d ≤ mean + sd
 *   laggards        d > mean + sd
 *
 * sd is the population standard deviation (divided by n): the adopters are the whole population being
 * described, not a sample of it. Degenerate cases: without adopters every count is 0 and every date null;
 * with one adopter, or all adopting on the same day (sd = 0), everyone sits on the mean and is therefore
 * late majority; `degenerate` flags both so a dashboard can say the split is not meaningful.
 */

// The category list is part of the diffusion report's contract; the computation uses the same list.
export { ADOPTER_CATEGORIES };
export type AdopterCategory = (typeof ADOPTER_CATEGORIES)[number];

/** The shares Rogers derives from a normal distribution of adoption times (they sum to 1). */
export const IDEAL_ADOPTER_SHARES: Readonly<Record<AdopterCategory, number>> = {
  innovators: 0.025,
  earlyAdopters: 0.135,
  earlyMajority: 0.34,
  lateMajority: 0.34,
  laggards: 0.16,
};

export interface Adoption {
  readonly key: string;
  /** Day of adoption, YYYY-MM-DD. */
  readonly adoptedOn: string;
}

export interface AdopterCategoryStats {
  readonly count: number;
  /** count / adopters; 0 when there are no adopters. */
  readonly share: number;
  readonly idealShare: number;
  /** First and last adoption day actually observed in the category (null when empty). */
  readonly firstAdoption: string | null;
  readonly lastAdoption: string | null;
  /**
   * The calendar days the category covers, inclusive. `from` is null for innovators and `to` for laggards
   * (open ended); the window is null when no calendar day falls inside it (narrow spread).
   */
  readonly window: { readonly from: string | null; readonly to: string | null } | null;
}

export interface AdopterCategoryBoundary {
  /** mean + sigmas · sd */
  readonly sigmas: -2 | -1 | 0 | 1;
  /** The day on which the boundary falls (a boundary between two days is reported on the earlier one). */
  readonly day: string;
  /** Offset of the boundary from the mean in days, i.e. sigmas · sd. */
  readonly offsetDays: number;
}

export interface AdopterCategories {
  readonly adopters: number;
  /** Day on which the mean adoption time falls; null without adopters. */
  readonly meanDay: string | null;
  /** Population standard deviation of the adoption day, in days; null without adopters. */
  readonly standardDeviationDays: number | null;
  readonly degenerate: 'no-adopters' | 'no-spread' | null;
  readonly boundaries: readonly AdopterCategoryBoundary[];
  readonly categories: Readonly<Record<AdopterCategory, AdopterCategoryStats>>;
  readonly categoryOf: ReadonlyMap<string, AdopterCategory>;
}

const SIGMAS = [-2, -1, 0, 1] as const;
const DAY_MS = 86_400_000;
/** Boundaries within this distance of a whole day are snapped to it, so rounding never decides a tie. */
const TIE_EPSILON = 1e-9;

export function adopterCategories(adoptions: readonly Adoption[]): AdopterCategories {
  const seen = new Set<string>();
  const days = adoptions.map(({ key, adoptedOn }) => {
    if (seen.has(key)) throw new Error(`adopterCategories: adopter "${key}" appears more than once`);
    seen.add(key);
    return dayNumber(adoptedOn, key);
  });
  if (days.length === 0) return withoutAdopters();

  // Offsets from the first day keep the sums small and exact for realistic spans.
  const origin = Math.min(...days);
  const offsets = days.map((day) => day - origin);
  const mean = offsets.reduce((sum, offset) => sum + offset, 0) / offsets.length;
  const sd = Math.sqrt(offsets.reduce((sum, offset) => sum + (offset - mean) ** 2, 0) / offsets.length);
  const [b1, b2, b3, b4] = SIGMAS.map((sigmas) => snap(mean + sigmas * sd));

  const categoryOfOffset = (offset: number): AdopterCategory => {
    if (offset < b1) return 'innovators';
    if (offset < b2) return 'earlyAdopters';
    if (offset < b3) return 'earlyMajority';
    if (offset <= b4) return 'lateMajority';
    return 'laggards';
  };

  const categoryOf = new Map<string, AdopterCategory>();
  const members = emptyRecord<number[]>(() => []);
  adoptions.forEach(({ key }, index) => {
    const category = categoryOfOffset(offsets[index]);
    categoryOf.set(key, category);
    members[category].push(offsets[index]);
  });

  // Whole-day windows implied by the rule above (first day ≥ a boundary is its ceiling, etc.).
  const windows: Record<AdopterCategory, [number | null, number | null]> = {
    innovators: [null, Math.ceil(b1) - 1],
    earlyAdopters: [Math.ceil(b1), Math.ceil(b2) - 1],
    earlyMajority: [Math.ceil(b2), Math.ceil(b3) - 1],
    lateMajority: [Math.ceil(b3), Math.floor(b4)],
    laggards: [Math.floor(b4) + 1, null],
  };
  const toDate = (offset: number) => dayString(origin + offset);

  const categories = emptyRecord<AdopterCategoryStats>((category) => {
    const offsetsIn = members[category];
    const [from, to] = windows[category];
    return {
      count: offsetsIn.length,
      share: offsetsIn.length / adoptions.length,
      idealShare: IDEAL_ADOPTER_SHARES[category],
      firstAdoption: offsetsIn.length > 0 ? toDate(Math.min(...offsetsIn)) : null,
      lastAdoption: offsetsIn.length > 0 ? toDate(Math.max(...offsetsIn)) : null,
      window:
        from !== null && to !== null && from > to
          ? null
          : { from: from === null ? null : toDate(from), to: to === null ? null : toDate(to) },
    };
  });

  return {
    adopters: adoptions.length,
    meanDay: toDate(Math.floor(snap(mean))),
    standardDeviationDays: sd,
    degenerate: sd === 0 ? 'no-spread' : null,
    boundaries: SIGMAS.map((sigmas, index) => ({
      sigmas,
      day: toDate(Math.floor([b1, b2, b3, b4][index])),
      offsetDays: sigmas * sd,
    })),
    categories,
    categoryOf,
  };
}

function withoutAdopters(): AdopterCategories {
  return {
    adopters: 0,
    meanDay: null,
    standardDeviationDays: null,
    degenerate: 'no-adopters',
    boundaries: [],
    categories: emptyRecord<AdopterCategoryStats>((category) => ({
      count: 0,
      share: 0,
      idealShare: IDEAL_ADOPTER_SHARES[category],
      firstAdoption: null,
      lastAdoption: null,
      window: null,
    })),
    categoryOf: new Map(),
  };
}

function emptyRecord<T>(make: (category: AdopterCategory) => T): Record<AdopterCategory, T> {
  return Object.fromEntries(ADOPTER_CATEGORIES.map((category) => [category, make(category)])) as Record<
    AdopterCategory,
    T
  >;
}

function snap(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value - nearest) < TIE_EPSILON ? nearest : value;
}

function dayNumber(day: string, key: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to March; the round trip catches such days.
  if (!match || dayString(time / DAY_MS) !== day) {
    throw new Error(`adopterCategories: adopter "${key}" has adoptedOn "${day}", expected a YYYY-MM-DD date`);
  }
  return time / DAY_MS;
}

function dayString(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
