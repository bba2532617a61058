// Shared machinery: calendar, what counts as activity, rollups, population loading, disclosure control.
export * from './lib/core';
export * from './lib/disclosure';
// One folder per KPI family: its SQL, its pure computation, its spec.
export * from './lib/adoption';
export * from './lib/participation';
export * from './lib/engagement';
export * from './lib/retention';
export * from './lib/network';
export * from './lib/diffusion';
export * from './lib/goals';
export * from './lib/people';
export * from './lib/personas';
export * from './lib/lifecycle';
export * from './lib/first-post';
export * from './lib/knowledge-flow';
export * from './lib/communities';
export * from './lib/best-cases';
// The reports of every family for a scope, cached: what the API and the gate evaluation call.
export * from './lib/kpi-reports';
export * from './lib/business-case';
