export * from './lib/config';
export * from './lib/time-window';
