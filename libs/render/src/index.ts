export * from './lib/chart-image';
