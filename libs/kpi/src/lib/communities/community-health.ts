import {
  FRAGILITY_THRESHOLD,
  type CommunityHealth,
  type CommunitySort,
  type CommunityWeek,
  type GroupKind,
} from '@uptake/contracts';
import type { DisclosureRule, PeopleCount } from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';
import {
  keyPlayerIndex,
  peopleRatio,
  publishVolume,
  threadFigures,
  topShare,
  type ThreadTallies,
} from './community-figures';
import { meanWeeklyGrowth, viralGrowth } from './growth';

/** How the list is sorted (COMMUNITY_SORTS of the contract). */
export type { CommunitySort };

/** One week of a community's series: true counts with their cells. */
export interface CommunityWeekFacts {
  /** Monday. */
  week: string;
  activePeople: PeopleCount;
  /** Members at the end of the week (joined by its Sunday, or by the range's last day for the last week). */
  members: PeopleCount;
  posts: number;
  posters: number;
  /** The most posts one person made in the week. */
  topPoster: number;
}

/** Everything the SQL reads about one community, as true counts (see communities-data.ts). */
export interface CommunityFacts {
  groupId: string;
  name: string;
  kind: GroupKind;
  isPrivate: boolean;
  /** The group has membership rows at all (a source that lists none gives no member figures). */
  listed: boolean;
  /** Members of the population who joined by the range's last day. */
  members: PeopleCount;
  /** People of the population active in the community in the range, in its last 28 days, in 365 days. */
  active: PeopleCount;
  active28: PeopleCount;
  active365: PeopleCount;
  /** Posts and questions per poster in the range. */
  posts: readonly number[];
  /** Interactions given (responses, reactions) plus received (responses to one's threads) per active person. */
  interactions: readonly number[];
  threads: ThreadTallies;
  /** Oldest first, starting GROWTH_WEEKS weeks before the range's last week at the latest. */
  weeks: readonly CommunityWeekFacts[];
}

/** Only the range's weeks are published; the weeks before serve growth. */
function publishedWeeks(
  facts: CommunityFacts,
  firstWeek: string,
  rule: DisclosureRule,
  hidden: boolean,
): CommunityWeek[] {
  return facts.weeks
    .filter((week) => week.week >= firstWeek)
    .map((week) => ({
      week: week.week,
      activePeople: hidden ? null : protect(week.activePeople, rule),
      members: hidden || !facts.listed ? null : protect(week.members, rule),
      posts:
        hidden || isSuppressed(week.posters, rule)
          ? null
          : publishVolume(week.posts, week.topPoster, week.activePeople, rule),
    }));
}

/**
 * A community's published health. A community whose active people in the range are 1..k-1 keeps its name
 * (a community's existence is not about a person) but every figure about people is null and `suppressed`
 * is set. Otherwise each figure follows its own rule: counts of people through their cells, thread
 * figures withheld below k authors, the posters' share below k posters, ratios when both sides hold k.
 */
export function communityHealth(
  facts: CommunityFacts,
  options: { firstWeek: string; viralThreshold: number },
  rule: DisclosureRule,
): CommunityHealth {
  const hidden = isSuppressed(facts.active.count, rule);
  const reason = suppressionReason(rule);
  const base = {
    groupId: facts.groupId,
    name: facts.name,
    kind: facts.kind,
    isPrivate: facts.isPrivate,
  };
  const weekly = publishedWeeks(facts, options.firstWeek, rule, hidden);
  if (hidden) {
    return {
      ...base,
      members: null,
      activeMembers: null,
      activeLast12Months: null,
      healthIndex: null,
      threads: null,
      replyCoverage: null,
      questions: null,
      questionAnsweredRate: null,
      medianHoursToFirstReply: null,
      p90HoursToFirstReply: null,
      unansweredShare: null,
      topPostersShare: null,
      fragile: null,
      keyPlayerIndex: null,
      crossDepartmentShare: null,
      memberGrowthPerWeek: null,
      weekly,
      viral: { growing: false, metric: null, growth: null, since: null },
      suppressed: reason,
    };
  }
  const activeSeries = facts.weeks.map((week) => week.activePeople.count);
  const memberSeries = facts.listed ? facts.weeks.map((week) => week.members.count) : null;
  const postersHidden = isSuppressed(facts.posts.filter((posts) => posts > 0).length, rule);
  const topPostersShare = postersHidden ? null : topShare(facts.posts);
  const threads = threadFigures(facts.threads, rule);
  const health: CommunityHealth = {
    ...base,
    members: facts.listed ? protect(facts.members, rule) : null,
    activeMembers: protect(facts.active28, rule),
    activeLast12Months: protect(facts.active365, rule),
    healthIndex: peopleRatio(facts.active28.count, facts.active365.count, rule),
    ...threads,
    topPostersShare,
    fragile: topPostersShare === null ? null : topPostersShare > FRAGILITY_THRESHOLD,
    keyPlayerIndex: keyPlayerIndex(facts.interactions, facts.active.count),
    memberGrowthPerWeek: meanWeeklyGrowth(memberSeries ?? activeSeries, rule),
    weekly,
    viral: viralGrowth(
      { weeks: facts.weeks.map((week) => week.week), members: memberSeries, activePeople: activeSeries },
      options.viralThreshold,
      rule,
    ),
  };
  const anyWithheld =
    (facts.listed && health.members === null) ||
    health.activeMembers === null ||
    health.activeLast12Months === null ||
    (threads.threads === null && facts.threads.authors.count > 0) ||
    (postersHidden && facts.posts.length > 0) ||
    weekly.some((week) => week.activePeople === null || (facts.listed && week.members === null));
  return anyWithheld ? { ...health, suppressed: reason } : health;
}

/** The published value a sort reads (growth: the viral growth's figure). */
function sortValue(community: CommunityHealth, sort: Exclude<CommunitySort, 'name'>): number | null {
  return sort === 'growth' ? community.viral.growth : community[sort];
}

/**
 * Communities in the order asked: largest first by the published figure (withheld figures last, so the
 * order tells nothing a withheld figure hides), ties and `name` A→Z by name, then id.
 */
export function sortCommunities(
  communities: readonly CommunityHealth[],
  sort: CommunitySort,
): CommunityHealth[] {
  const byName = (a: CommunityHealth, b: CommunityHealth) =>
    a.name.localeCompare(b.name) || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);
  if (sort === 'name') return [...communities].sort(byName);
  return [...communities].sort((a, b) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return y - x || byName(a, b);
  });
}
