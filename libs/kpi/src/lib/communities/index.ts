// Community health (issue 15, KPI 1): the pure figures, the SQL over the rollups, the reports.
export {
  keyPlayerIndex,
  threadFigures,
  topShare,
  type ThreadFigures,
  type ThreadTallies,
} from './community-figures';
export {
  communityHealth,
  sortCommunities,
  type CommunityFacts,
  type CommunitySort,
  type CommunityWeekFacts,
} from './community-health';
export { communityPersonaOf, communityPersonaShares, type CommunityPersonTotals } from './community-personas';
export {
  communityWindow,
  loadCommunityActivity,
  membersByWeek,
  type CommunityActivity,
  type CommunityWindow,
} from './communities-data';
export {
  computeCommunities,
  queryCommunitiesReport,
  queryCommunityDetail,
  type CommunityComputation,
} from './communities-query';
export {
  departmentFlows,
  MAX_DEPARTMENT_FLOWS,
  RESPONSE_HOUR_BOUNDS,
  responseHourBuckets,
  type DepartmentCell,
  type ResponseBucketTally,
} from './department-flows';
export {
  GROWTH_WEEKS,
  growthOverWeeks,
  meanWeeklyGrowth,
  streakStart,
  viralGrowth,
  type WeeklySeries,
} from './growth';
