export * from './lib/comparison-metrics';
export * from './lib/gate-evaluation';
// The intervals moved to @uptake/kpi (the first-post KPI needs them too); re-exported for existing callers.
export {
  meanDifferenceInterval,
  proportionDifferenceInterval,
  tQuantile975,
  wilsonInterval,
  type Interval,
} from '@uptake/kpi';
export * from './lib/metric-series';
export * from './lib/plan-input';
export * from './lib/populations';
export * from './lib/rollout-evaluator';
export * from './lib/measured-effect';
