export * from './lib/comparison-metrics';
export * from './lib/gate-evaluation';
export * from './lib/intervals';
export * from './lib/metric-series';
export * from './lib/plan-input';
export * from './lib/populations';
export * from './lib/rollout-evaluator';
