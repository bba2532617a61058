export * from './lib/passwords';
export * from './lib/secrets';
export * from './lib/tokens';
