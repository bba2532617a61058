import type { CommunitiesReport, CommunityDetail, CommunityHealth, KpiScope } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadUnitNodes, type DirectoryUnit } from '../core/top-units';
import { departmentsOf } from '../knowledge-flow/departments';
import { weekStart } from '../core/periods';
import { disclosureOfScope, toPopulation } from '../core/population';
import type { DisclosureRule } from '../disclosure/cell-key';
import { isSuppressed, suppressionReason } from '../disclosure/suppression';
import { emptyTallies, threadFigures } from './community-figures';
import {
  communityHealth,
  sortCommunities,
  type CommunityFacts,
  type CommunitySort,
} from './community-health';
import { communityPersonaShares } from './community-personas';
import {
  communityWindow,
  loadCommunityActivity,
  loadCommunityPersonTotals,
  loadCommunityRows,
  loadCommunityThreads,
  loadDepartmentCells,
  loadMemberJoins,
  type CandidateThreads,
  type CommunityActivity,
  type CommunityRow,
  type CommunityWindow,
  type MemberJoins,
  type UnitThreadRow,
} from './communities-data';
import { departmentFlows, responseHourBuckets } from './department-flows';

const NO_PEOPLE = { count: 0, key: 0 };

/**
 * The organisation's units and the department each counts in: the knowledge flow's notion (its top-level
 * unit, within a scope's org unit the anchor's child), so cross-department figures agree across KPIs.
 */
export async function loadDepartments(
  dataSource: DataSource,
  scope: KpiScope,
): Promise<{ units: DirectoryUnit[]; departments: Map<string, string> }> {
  const units = await loadUnitNodes(dataSource, scope.organisationId);
  return { units, departments: departmentsOf(units, scope.orgUnitId) };
}

/** The facts of one community from the three set-based reads (absent: nothing happened there). */
export function communityFacts(
  row: CommunityRow,
  window: CommunityWindow,
  activity: CommunityActivity | undefined,
  joins: MemberJoins | undefined,
  threads: CandidateThreads | undefined,
): CommunityFacts {
  return {
    ...row,
    members: joins?.members ?? NO_PEOPLE,
    active: activity?.active ?? NO_PEOPLE,
    active28: activity?.active28 ?? NO_PEOPLE,
    active365: activity?.active365 ?? NO_PEOPLE,
    posts: activity?.posts ?? [],
    interactions: activity?.interactions ?? [],
    threads: threads?.tallies ?? emptyTallies(),
    weeks: window.weeks.map((week, index) => {
      const active = activity?.weeks.get(week);
      return {
        week,
        activePeople: active?.activePeople ?? NO_PEOPLE,
        members: joins?.weekly[index] ?? NO_PEOPLE,
        posts: active?.posts ?? 0,
        posters: active?.posters ?? 0,
        topPoster: active?.topPoster ?? 0,
      };
    }),
  };
}

/** The organisation block: the thread figures of all communities together. */
function organisationFigures(
  threads: CandidateThreads | undefined,
  rule: DisclosureRule,
): CommunitiesReport['organisation'] {
  const figures = threadFigures(threads?.tallies ?? emptyTallies(), rule);
  return {
    replyCoverage: figures.replyCoverage,
    medianHoursToFirstReply: figures.medianHoursToFirstReply,
    unansweredShare: figures.unansweredShare,
    crossDepartmentShare: figures.crossDepartmentShare,
    questionAnsweredRate: figures.questionAnsweredRate,
  };
}

export interface CommunityComputation {
  window: CommunityWindow;
  /** Health of every community with activity or a member of the population (unsorted, uncapped). */
  communities: CommunityHealth[];
  /** The same for the one community asked for, even when nothing happened there. */
  byId: Map<string, CommunityHealth>;
  facts: Map<string, CommunityFacts>;
  threads: Map<string | null, CandidateThreads>;
  /** With `units`: the thread tallies per author's own org unit (else none). */
  unitThreads: UnitThreadRow[];
  organisation: CommunitiesReport['organisation'];
  organisationWithheld: boolean;
}

/**
 * Health of all communities of the scope (or of one) in three set-based queries run side by side: activity
 * (activity_daily), membership (group_members) and threads (thread_rollup), each grouped by community.
 */
export async function computeCommunities(
  dataSource: DataSource,
  scope: KpiScope,
  options: {
    groupId: string | null;
    viralThreshold: number;
    departments?: ReadonlyMap<string, string>;
    /**
     * false: leave out what only the key-player index reads (responses received), for a caller that
     * publishes none of it; each community's keyPlayerIndex is then computed from nothing and must not be
     * shown.
     */
    interactions?: boolean;
    /**
     * Also the thread tallies per author's own org unit over every thread of the population, from the same
     * pass over the threads (all communities only; the best-case finder sums them per subtree).
     */
    units?: boolean;
  },
): Promise<CommunityComputation> {
  const population = toPopulation(scope);
  const rule = disclosureOfScope(scope);
  const window = communityWindow(scope.from, scope.to);
  const departments = options.departments ?? (await loadDepartments(dataSource, scope)).departments;
  const [rows, activity, joins, { candidates: threads, units }] = await Promise.all([
    loadCommunityRows(dataSource, scope.organisationId, options.groupId),
    loadCommunityActivity(dataSource, population, window, options.groupId, {
      interactions: options.interactions ?? true,
    }),
    loadMemberJoins(dataSource, population, window, options.groupId),
    loadCommunityThreads(dataSource, population, window, options.groupId, departments, {
      units: options.units ?? false,
    }),
  ]);
  const firstWeek = weekStart(scope.from);
  const facts = new Map<string, CommunityFacts>();
  const byId = new Map<string, CommunityHealth>();
  const communities: CommunityHealth[] = [];
  for (const row of rows) {
    const community = communityFacts(
      row,
      window,
      activity.get(row.groupId),
      joins.get(row.groupId),
      threads.get(row.groupId),
    );
    const health = communityHealth(community, { firstWeek, viralThreshold: options.viralThreshold }, rule);
    facts.set(row.groupId, community);
    byId.set(row.groupId, health);
    if (community.active.count > 0 || community.members.count > 0) communities.push(health);
  }
  const overall = threads.get(null);
  return {
    window,
    communities,
    byId,
    facts,
    threads,
    unitThreads: units,
    organisation: organisationFigures(overall, rule),
    organisationWithheld: threadFigures(overall?.tallies ?? emptyTallies(), rule).threads === null,
  };
}

/**
 * Community health of every community of the scope's organisation with activity or a member of the
 * population in the range, sorted and cut at `limit`; `total` counts them all.
 */
export async function queryCommunitiesReport(
  dataSource: DataSource,
  scope: KpiScope,
  options: { limit: number; sort: CommunitySort; viralThreshold: number },
): Promise<CommunitiesReport> {
  const computed = await computeCommunities(dataSource, scope, {
    groupId: null,
    viralThreshold: options.viralThreshold,
  });
  const listed = sortCommunities(computed.communities, options.sort).slice(0, Math.max(0, options.limit));
  const anyWithheld = computed.organisationWithheld || listed.some((community) => community.suppressed);
  return {
    scope,
    total: computed.communities.length,
    communities: listed,
    organisation: computed.organisation,
    ...(anyWithheld ? { suppressed: suppressionReason(disclosureOfScope(scope)) } : {}),
  };
}

/**
 * One community's health with its response times, personas and department flows; null when the
 * organisation has no such community (a cohort is none).
 */
export async function queryCommunityDetail(
  dataSource: DataSource,
  scope: KpiScope,
  groupId: string,
  options: { viralThreshold: number },
): Promise<CommunityDetail | null> {
  const population = toPopulation(scope);
  const rule = disclosureOfScope(scope);
  const window = communityWindow(scope.from, scope.to);
  const { units, departments } = await loadDepartments(dataSource, scope);
  const [computed, people, cells] = await Promise.all([
    computeCommunities(dataSource, scope, { groupId, viralThreshold: options.viralThreshold, departments }),
    loadCommunityPersonTotals(dataSource, population, window, groupId),
    loadDepartmentCells(dataSource, population, window, groupId, departments),
  ]);
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const community = computed.byId.get(groupId);
  const facts = computed.facts.get(groupId);
  if (!community || !facts) return null;
  const threads = computed.threads.get(groupId);
  // A community below k people shows nothing about its people (communityHealth): its detail neither.
  const hidden = isSuppressed(facts.active.count, rule);
  const tallies = threads?.tallies ?? emptyTallies();
  const responseHours = responseHourBuckets(threads?.buckets ?? [], tallies, rule).map((bucket) =>
    hidden ? { ...bucket, threads: null } : bucket,
  );
  const personas = communityPersonaShares(hidden ? [] : people, rule);
  const flows = hidden ? { departments: [], hiddenFlows: cells.length } : departmentFlows(cells, names, rule);
  const anyWithheld =
    !!community.suppressed ||
    !!personas.suppressed ||
    flows.hiddenFlows > 0 ||
    (tallies.threads > 0 && responseHours.some((bucket) => bucket.threads === null));
  return {
    scope,
    community,
    responseHours,
    personas: personas.personas,
    departments: flows.departments,
    hiddenFlows: flows.hiddenFlows,
    ...(anyWithheld ? { suppressed: suppressionReason(rule) } : {}),
  };
}
