// The best-case finder (issue 15, KPI 2): scoring against the organisation, org-unit activity, the report.
export {
  BEST_CASE_METHOD,
  criterionScore,
  criterionSpread,
  bestCaseExplanation,
  rankBestCases,
  SPREAD_FLOORS,
  type BestCaseCandidate,
  type CandidatePool,
  type CriterionValues,
} from './best-case-score';
export { queryBestCases, unitCriteria } from './best-cases-query';
export {
  loadUnitActivity,
  rollUpUnitActivity,
  unitAncestors,
  type UnitActivity,
  type UnitActivityRow,
} from './unit-activity';
