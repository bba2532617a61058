// Reference implementations and helpers for specs only: production code never imports @uptake/kpi/testing.
export * from './activity-bits-of';
export * from './engagement-from-activity-daily';
export * from './person-day-kpis';
export * from './unit-activity-of-bits';
export * from './person-graph';
