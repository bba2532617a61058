export * from './lib/config';
export * from './lib/logging';
export * from './lib/time-window';
export * from './lib/observability';
export * from './lib/node-flags';
