export * from './activity-bits';
export * from './activity-definition';
export * from './daily-activity';
export * from './intervals';
export * from './members';
export * from './periods';
export * from './person-days';
export * from './person-month';
export * from './protected-parts';
export { ReportCache, type CacheLookup, type ReportCacheHooks } from './report-cache';
export * from './report-snapshots';
export * from './kpi-scope';
export * from './precompute';
export { disclosureOfScope, toPopulation, type Population } from './population';
export * from './rollups';
export {
  loadUnitNodes,
  MAX_BREAKDOWN_ROWS,
  NO_UNIT,
  topUnitsOf,
  type DirectoryUnit,
  type TopUnits,
} from './top-units';
