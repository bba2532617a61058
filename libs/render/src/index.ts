export * from './lib/chart-image';
export * from './lib/render-slots';
