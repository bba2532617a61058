export * from './lib/demo-organisation';
export * from './lib/random';
