import {
  BEST_CASE_METHOD_CODE,
  type BestCasesQuery,
  type BestCasesReport,
  type KpiScope,
} from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { disclosureOfScope, toPopulation } from '../core/population';
import type { DisclosureRule } from '../disclosure/cell-key';
import {
  emptyTallies,
  peopleRatio,
  threadFigures,
  type ThreadTallies,
} from '../communities/community-figures';
import {
  communityWindow,
  type CandidateThreads,
  type CommunityWindow,
} from '../communities/communities-data';
import type { CommunityFacts } from '../communities/community-health';
import {
  computeCommunities,
  loadDepartments,
  type CommunityComputation,
} from '../communities/communities-query';
import type { DirectoryUnit } from '../core/top-units';
import { growthOverWeeks } from '../communities/growth';
import {
  BEST_CASE_METHOD,
  rankBestCases,
  type BestCaseCandidate,
  type CandidatePool,
  type CriterionValues,
} from './best-case-score';
import { loadUnitActivity, rollUpUnitActivity, unitAncestors, type UnitActivity } from './unit-activity';
import { loadUnitThreads, rollUpUnitThreads } from './unit-threads';

/** Any threshold: the best-case finder reads the communities' active-people growth, not the viral flag. */
const UNUSED_VIRAL_THRESHOLD = 0.5;

/** The criteria of a unit (or of the organisation) from its activity and its threads, as published. */
export function unitCriteria(
  activity: UnitActivity | undefined,
  tallies: ThreadTallies | undefined,
  rule: DisclosureRule,
): CriterionValues {
  const threads = threadFigures(tallies ?? emptyTallies(), rule);
  return {
    healthIndex: activity ? peopleRatio(activity.active28.count, activity.active365.count, rule) : null,
    replyCoverage: threads.replyCoverage,
    medianHoursToFirstReply: threads.medianHoursToFirstReply,
    crossDepartmentShare: threads.crossDepartmentShare,
    growth: activity ? growthOverWeeks(activity.weekly, rule) : null,
  };
}

/**
 * Org units as candidates: every unit (departments and the units below them), with the activity of its
 * subtree's people of the population. A unit of kind 'organisation' is the company itself, no candidate.
 */
async function unitCandidates(
  dataSource: DataSource,
  scope: KpiScope,
  window: CommunityWindow,
  rule: DisclosureRule,
  units: DirectoryUnit[],
  /** The subtrees' thread tallies, being loaded (on their own, or with the communities'). */
  unitThreads: Promise<Map<string | null, CandidateThreads>>,
): Promise<CandidatePool> {
  const population = toPopulation(scope);
  const ancestors = unitAncestors(units);
  const [activityRows, threads] = await Promise.all([
    loadUnitActivity(dataSource, population, window),
    unitThreads,
  ]);
  const activity = rollUpUnitActivity(activityRows, ancestors, window.weeks.length);
  const candidates = units
    .filter((unit) => unit.kind !== 'organisation')
    .map((unit) => ({
      kind: 'orgUnit' as const,
      id: unit.id,
      name: unit.name,
      activePeople: activity.get(unit.id)?.active ?? { count: 0, key: 0 },
      values: unitCriteria(activity.get(unit.id), threads.get(unit.id)?.tallies, rule),
    }));
  return { candidates, organisation: unitCriteria(activity.get(null), threads.get(null)?.tallies, rule) };
}

/**
 * Communities as candidates: their published health figures and active-people growth, compared with all
 * communities together: the thread figures of the communities report's organisation block, and the health
 * index and growth pooled over communities (a person active in two communities counts in both, as their
 * threads do).
 */
async function communityCandidates(
  scope: KpiScope,
  computation: Promise<CommunityComputation>,
): Promise<CandidatePool> {
  const rule = disclosureOfScope(scope);
  const computed = await computation;
  const all = [...computed.facts.values()];
  const sum = (count: (facts: CommunityFacts) => number) =>
    all.reduce((total, facts) => total + count(facts), 0);
  const pooledWeeks = computed.window.weeks.map((_, index) =>
    sum((facts) => facts.weeks[index]?.activePeople.count ?? 0),
  );
  const organisation: CriterionValues = {
    healthIndex: peopleRatio(
      sum((facts) => facts.active28.count),
      sum((facts) => facts.active365.count),
      rule,
    ),
    replyCoverage: computed.organisation.replyCoverage,
    medianHoursToFirstReply: computed.organisation.medianHoursToFirstReply,
    crossDepartmentShare: computed.organisation.crossDepartmentShare,
    growth: growthOverWeeks(pooledWeeks, rule),
  };
  const candidates = computed.communities.map((community): BestCaseCandidate => {
    const facts = computed.facts.get(community.groupId);
    const activeSeries = facts?.weeks.map((week) => week.activePeople.count) ?? [];
    return {
      kind: 'community',
      id: community.groupId,
      name: community.name,
      activePeople: facts?.active ?? { count: 0, key: 0 },
      values: {
        healthIndex: community.healthIndex,
        replyCoverage: community.replyCoverage,
        medianHoursToFirstReply: community.medianHoursToFirstReply,
        crossDepartmentShare: community.crossDepartmentShare,
        growth: growthOverWeeks(activeSeries, rule),
      },
    };
  });
  return { candidates, organisation };
}

/**
 * The best-case finder: communities and org units ranked by how much better than the organisation they do
 * (see best-case-score.ts and BEST_CASE_METHOD): org units against the scope's whole population,
 * communities against all communities together.
 */
export async function queryBestCases(
  dataSource: DataSource,
  scope: KpiScope,
  options: { kind: BestCasesQuery['kind']; top: number },
): Promise<BestCasesReport> {
  const rule = disclosureOfScope(scope);
  const window = communityWindow(scope.from, scope.to);
  const { units, departments } = await loadDepartments(dataSource, scope);
  const ancestors = unitAncestors(units);
  // Both kinds: the communities' computation also counts the threads per org unit, in the same pass.
  const computation =
    options.kind === 'orgUnit'
      ? null
      : computeCommunities(dataSource, scope, {
          groupId: null,
          viralThreshold: UNUSED_VIRAL_THRESHOLD,
          departments,
          // The criteria below read no key-player index: its pass over the threads is skipped.
          interactions: false,
          units: options.kind === 'all',
        });
  const unitThreads =
    options.kind === 'community'
      ? null
      : computation
        ? computation.then((computed) => rollUpUnitThreads(computed.unitThreads, ancestors))
        : loadUnitThreads(dataSource, toPopulation(scope), window, departments, ancestors);
  const [unitPool, communityPool] = await Promise.all([
    unitThreads ? unitCandidates(dataSource, scope, window, rule, units, unitThreads) : null,
    computation ? communityCandidates(scope, computation) : null,
  ]);
  const pools = [unitPool, communityPool].filter((pool): pool is CandidatePool => pool !== null);
  const ranked = rankBestCases(pools, rule, options.top);
  return {
    scope,
    candidates: ranked.candidates,
    excluded: ranked.excluded,
    method: BEST_CASE_METHOD,
    methodCode: BEST_CASE_METHOD_CODE,
  };
}
