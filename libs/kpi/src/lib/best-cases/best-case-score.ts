import {
  BEST_CASE_CRITERIA,
  type BestCase,
  type BestCaseExplanation,
  type BestCaseCriterion,
  type BestCaseCriterionScore,
} from '@uptake/contracts';
import type { DisclosureRule, PeopleCount } from '../disclosure/cell-key';
import { kOf } from '../disclosure/cell-key';
import { protect } from '../disclosure/suppression';

/** A criterion's published value per criterion (null: none, or withheld). */
export type CriterionValues = Record<BestCaseCriterion, number | null>;

/** A community or an org unit that may be a best case, with its published figures. */
export interface BestCaseCandidate {
  kind: 'community' | 'orgUnit';
  id: string;
  name: string;
  /** People of the population active in the candidate in the range (true count and cell). */
  activePeople: PeopleCount;
  values: CriterionValues;
}

/**
 * The smallest spread a criterion is scored in. Without it, criteria on which all candidates are nearly alike
 * (a standard deviation of 0.001), or a single candidate with a value, would turn a negligible difference
 * into a huge score. Shares and growth: 5 percentage points; time to first reply: 4 hours (a few hours'
 * difference is within a working day).
 */
export const SPREAD_FLOORS: Readonly<Record<BestCaseCriterion, number>> = {
  healthIndex: 0.05,
  replyCoverage: 0.05,
  medianHoursToFirstReply: 4,
  crossDepartmentShare: 0.05,
  growth: 0.05,
};

/** Criteria where a lower value is better (the score's sign is flipped). */
const LOWER_IS_BETTER: ReadonlySet<BestCaseCriterion> = new Set(['medianHoursToFirstReply']);

/** Population standard deviation of the known values, at least `floor` (and `floor` with fewer than two). */
export function criterionSpread(values: readonly (number | null)[], floor: number): number {
  const known = values.filter((value): value is number => value !== null);
  if (known.length < 2) return floor;
  const mean = known.reduce((sum, value) => sum + value, 0) / known.length;
  const variance = known.reduce((sum, value) => sum + (value - mean) ** 2, 0) / known.length;
  return Math.max(Math.sqrt(variance), floor);
}

/** How much better than the organisation, in spreads; null when either value is missing. */
export function criterionScore(
  criterion: BestCaseCriterion,
  value: number | null,
  organisationValue: number | null,
  spread: number,
): number | null {
  if (value === null || organisationValue === null) return null;
  const better = (value - organisationValue) / spread;
  return LOWER_IS_BETTER.has(criterion) ? -better : better;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;
const signedPercent = (value: number) => `${value >= 0 ? '+' : '−'}${Math.round(Math.abs(value) * 100)}%`;
const hours = (value: number) => `${value.toFixed(1)} h`;

const PHRASES: Record<BestCaseCriterion, (value: string, organisation: string) => string> = {
  healthIndex: (v, o) =>
    `${v} of its people of the last 12 months were active in the last 28 days vs ${o} in the organisation`,
  replyCoverage: (v, o) => `answers ${v} of threads within 7 days vs ${o} in the organisation`,
  medianHoursToFirstReply: (v, o) => `first reply after ${v} (median) vs ${o} in the organisation`,
  crossDepartmentShare: (v, o) =>
    `${v} of first replies come from another department vs ${o} in the organisation`,
  growth: (v, o) => `active people ${v} over the last 4 weeks vs ${o} in the organisation`,
};

/** Which sentence explains a criterion, with the figures it quotes (clients render it in their language). */
export function bestCaseExplanationDetail(
  criterion: BestCaseCriterion,
  value: number | null,
  organisationValue: number | null,
): BestCaseExplanation {
  if (value === null) return { code: 'no-figure', params: { criterion } };
  if (organisationValue === null) return { code: 'no-organisation-figure', params: { criterion, value } };
  return { code: 'compared', params: { criterion, value, organisationValue } };
}

/** The explanation of one criterion in plain English, with both figures (percentages rounded, hours to 0.1). */
export function bestCaseExplanation(
  criterion: BestCaseCriterion,
  value: number | null,
  organisationValue: number | null,
): string {
  const format =
    criterion === 'medianHoursToFirstReply' ? hours : criterion === 'growth' ? signedPercent : percent;
  if (value === null) return `${criterion}: no figure (too few threads or people), counted as 0`;
  if (organisationValue === null)
    return `${criterion}: ${format(value)}, no organisation figure to compare, counted as 0`;
  return PHRASES[criterion](format(value), format(organisationValue));
}

export const BEST_CASE_METHOD =
  'Each candidate (a community, or an org unit with the activity of its whole subtree) with at least k active ' +
  'people is compared with the organisation on five criteria: health index (active in the last 28 days / ' +
  'active in 12 months), reply coverage (threads answered by someone else within 7 days), median hours to the ' +
  'first reply (lower is better), cross-department share of first replies, and growth of active people over ' +
  'the last 4 weeks. A criterion’s score is (candidate − organisation) / spread, the spread being the ' +
  'standard deviation of that criterion across the candidates of the same kind, at least 5 percentage ' +
  'points (4 hours for response time); the sign is flipped for response time. A missing or withheld value ' +
  'scores 0. The candidate’s score is the mean of its five criteria scores; candidates are ranked by it ' +
  '(ties by name). Communities are compared with all communities together (people and threads pooled over ' +
  'communities), org units with the whole population (all its activity and threads, in any group or none).';

/** Candidates of one kind with the organisation value they are compared with. */
export interface CandidatePool {
  candidates: readonly BestCaseCandidate[];
  organisation: CriterionValues;
}

/** Scores of the eligible candidates of one pool: spreads over that pool only. */
function scorePool(pool: CandidatePool, k: number) {
  const eligible = pool.candidates.filter((candidate) => candidate.activePeople.count >= k);
  const spreads = Object.fromEntries(
    BEST_CASE_CRITERIA.map((criterion) => [
      criterion,
      criterionSpread(
        eligible.map((candidate) => candidate.values[criterion]),
        SPREAD_FLOORS[criterion],
      ),
    ]),
  ) as Record<BestCaseCriterion, number>;
  return eligible.map((candidate) => {
    const criteria: BestCaseCriterionScore[] = BEST_CASE_CRITERIA.map((criterion) => {
      const value = candidate.values[criterion];
      const organisationValue = pool.organisation[criterion];
      return {
        criterion,
        value,
        organisationValue,
        score: criterionScore(criterion, value, organisationValue, spreads[criterion]),
        explanation: bestCaseExplanation(criterion, value, organisationValue),
        explanationDetail: bestCaseExplanationDetail(criterion, value, organisationValue),
      };
    });
    const score = criteria.reduce((sum, item) => sum + (item.score ?? 0), 0) / criteria.length;
    return { candidate, criteria, score };
  });
}

/**
 * The best cases: candidates with at least k active people scored against their pool's organisation value,
 * best first, the first `top` of them; candidates with 1..k-1 active people are counted in `excluded` (none
 * with zero: nothing happened there). Each kind is its own pool (its own yardstick and spreads): a score
 * says how far above its baseline a candidate is, so communities and org units rank on one scale.
 */
export function rankBestCases(
  pools: readonly CandidatePool[],
  rule: DisclosureRule,
  top: number,
): { candidates: BestCase[]; excluded: number } {
  const k = kOf(rule);
  const excluded = pools
    .flatMap((pool) => pool.candidates)
    .filter((candidate) => candidate.activePeople.count > 0 && candidate.activePeople.count < k).length;
  const scored = pools.flatMap((pool) => scorePool(pool, k));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.candidate.name.localeCompare(b.candidate.name) ||
      (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
  );
  return {
    candidates: scored.slice(0, Math.max(0, top)).map(({ candidate, criteria, score }, index) => ({
      kind: candidate.kind,
      id: candidate.id,
      name: candidate.name,
      people: protect(candidate.activePeople, rule),
      rank: index + 1,
      score,
      criteria,
    })),
    excluded,
  };
}
